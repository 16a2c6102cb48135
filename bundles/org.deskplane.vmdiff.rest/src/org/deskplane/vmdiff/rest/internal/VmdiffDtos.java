package org.deskplane.vmdiff.rest.internal;

import java.time.Instant;
import java.util.List;

import org.deskplane.vmdiff.api.Activity;
import org.deskplane.vmdiff.api.BaseImage;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.RunLease;

/**
 * JSON shapes of the vmdiff routes: plain values (times ISO-8601, enums by name, null where there is nothing) so
 * that clients need no knowledge of the Java records.
 */
final class VmdiffDtos {

    private VmdiffDtos() {
    }

    record Base(String sha256, String format, long size) {
        static Base of(BaseImage b) {
            return new Base(b.sha256(), b.format(), b.size());
        }
    }

    /**
     * One generation. {@code parent} is the number it was resumed from (generations of one VM form one lineage, so
     * that is {@code number - 1}), null for the first; {@code suspended} says whether it holds memory state.
     */
    record GenerationDto(long number, Long parent, String parentHash, Instant published, String by, long memorySize,
            boolean suspended, long clusters, String contentHash, String baseSha256) {
        static GenerationDto of(Generation g) {
            return new GenerationDto(g.number(), g.parentHash().isEmpty() ? null : g.number() - 1, g.parentHash(),
                    g.published(), g.publishedBy(), g.memorySize(), g.hasMemoryState(), g.clusters(), g.contentHash(),
                    g.baseSha256());
        }
    }

    record Lease(String holder, long token) {
        static Lease of(RunLease l) {
            return new Lease(l.holder(), l.token());
        }
    }

    /** What a host is doing with a VM: {@code fraction} 0..1, or -1 while the phase has no measure. */
    record ActivityDto(String action, String phase, long done, long total, double fraction) {
        static ActivityDto of(Activity a) {
            return new ActivityDto(a.action(), a.phase(), a.done(), a.total(), a.fraction());
        }
    }

    /**
     * One host's copy of a VM: its newest generation (null when it holds none), how it stands to the server's copy
     * (null without a server), whether that is DIVERGED, whether the VM runs there and what the host is doing.
     */
    record CopyDto(String host, Long generation, String contentHash, String relation, boolean diverged,
            boolean running, ActivityDto activity) {
    }

    /** A VM: the server's newest generation, the lease, each host's copy, and whether any copy went another way. */
    record VmDto(String vm, GenerationDto server, Lease lease, List<CopyDto> copies, boolean diverged,
            List<String> runningOn) {
    }

    record HostDto(String host, List<String> running) {
    }

    /** An operation as clients poll it; {@code kind} is the failure's kind (null unless FAILED by one). */
    record OperationDto(String id, String vm, String action, String host, String actor, String state, String message,
            String kind, String phase, double fraction, Instant started, Instant ended) {
    }
}
