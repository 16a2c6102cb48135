package org.deskplane.delivery.rest.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.deskplane.delivery.api.DeliveryOptions;
import org.deskplane.delivery.api.Deployment;
import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PayloadFile;
import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.api.PayloadRef;
import org.deskplane.delivery.api.RolloutSummary;
import org.deskplane.delivery.api.Step;
import org.deskplane.delivery.api.VmDelivery;

/**
 * JSON shapes of the delivery routes: plain values (durations in seconds, enums by name, times ISO-8601) so that
 * clients need no knowledge of the Java records.
 */
final class DeliveryDtos {

    private DeliveryDtos() {
    }

    record Ref(String id, String version) {
        static Ref of(PayloadRef ref) {
            return new Ref(ref.id(), ref.version());
        }
    }

    /** A payload in a list: no file list (a payload may have many thousand files). */
    record PayloadSummary(String id, String version, String description, int fileCount, long contentSize,
            String label, boolean imageBuilt, long imageSize, String imageSha256, int stepCount, Instant created) {
        static PayloadSummary of(Payload p) {
            PayloadManifest m = p.manifest();
            return new PayloadSummary(m.id(), m.version(), m.description(), m.files().size(), p.contentSize(),
                    p.volumeLabel(), p.imageSize() > 0, p.imageSize(), p.imageSha256(), m.steps().size(), p.created());
        }
    }

    record FileDto(String path, long size, String sha256) {
        static FileDto of(PayloadFile f) {
            return new FileDto(f.path(), f.size(), f.sha256());
        }
    }

    record StepDto(String kind, String source, String target, List<String> args) {
        static StepDto of(Step s) {
            return new StepDto(s.kind().name(), s.source(), s.target(), s.args());
        }
    }

    record Image(boolean built, String label, long size, String sha256) {
        static Image of(Payload p) {
            return new Image(p.imageSize() > 0, p.volumeLabel(), p.imageSize(), p.imageSha256());
        }
    }

    /** One payload with everything a person inspecting it wants: files with digests, steps, image. */
    record PayloadDetail(String id, String version, String description, List<FileDto> files, List<StepDto> steps,
            boolean rebootRequired, long timeoutSeconds, long contentSize, String label, Image image, Instant created) {
        static PayloadDetail of(Payload p) {
            PayloadManifest m = p.manifest();
            return new PayloadDetail(m.id(), m.version(), m.description(), m.files().stream().map(FileDto::of).toList(),
                    m.steps().stream().map(StepDto::of).toList(), m.rebootRequired(), m.timeout().toSeconds(),
                    p.contentSize(), p.volumeLabel(), Image.of(p), p.created());
        }
    }

    record Options(List<String> methods, String poweredOff, Long agentTimeoutSeconds, Long processingTimeoutSeconds,
            Long detachTimeoutSeconds, int maxRetries, int globalConcurrency, int perHostConcurrency,
            int failureThreshold) {
        static Options of(DeliveryOptions o) {
            return new Options(o.methods(), o.poweredOff().name(), seconds(o.agentTimeout()),
                    seconds(o.processingTimeout()), seconds(o.detachTimeout()), o.maxRetries(), o.globalConcurrency(),
                    o.perHostConcurrency(), o.failureThreshold());
        }

        private static Long seconds(Duration d) {
            return d == null ? null : d.toSeconds();
        }
    }

    record Summary(int total, int pending, int running, int succeeded, int failed, int cancelled) {
        static Summary of(RolloutSummary s) {
            return s == null ? new Summary(0, 0, 0, 0, 0, 0)
                    : new Summary(s.total(), s.pending(), s.running(), s.succeeded(), s.failed(), s.cancelled());
        }
    }

    record Item(String vmId, String vmName, String host, Ref payload, String state, String outcome, String method,
            int progress, String message, Integer exitCode, int attempts, Instant updated) {
        static Item of(VmDelivery d) {
            return new Item(d.vmId(), d.vmName(), d.host(), Ref.of(d.payload()), enumName(d.state()), enumName(d.outcome()),
                    d.method(), d.progress(), d.message(), d.exitCode(), d.attempts(), d.updated());
        }
    }

    /** A deployment in a list: summary, no items. */
    record DeploymentSummary(String id, String name, String state, String stateReason, List<Ref> payloads,
            String createdBy, Instant created, Summary summary) {
        static DeploymentSummary of(Deployment d) {
            return new DeploymentSummary(d.id(), d.name(), enumName(d.state()), d.stateReason(),
                    d.payloads().stream().map(Ref::of).toList(), d.createdBy(), d.created(), Summary.of(d.summary()));
        }
    }

    record DeploymentDetail(String id, String name, String state, String stateReason, List<Ref> payloads,
            String createdBy, Instant created, Summary summary, Options options, List<Item> items) {
        static DeploymentDetail of(Deployment d) {
            return new DeploymentDetail(d.id(), d.name(), enumName(d.state()), d.stateReason(),
                    d.payloads().stream().map(Ref::of).toList(), d.createdBy(), d.created(), Summary.of(d.summary()),
                    Options.of(d.options()), d.items().stream().map(Item::of).toList());
        }
    }

    record LogPage(String deployment, String vmId, int from, int next, List<String> lines) {
    }

    record Retried(String deployment, int retried) {
    }

    private static String enumName(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
