package org.deskplane.vmdiff.remote.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.deskplane.vmdiff.api.BaseImage;
import org.deskplane.vmdiff.api.ClusterEntry;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceServer;
import org.deskplane.vmdiff.api.DifferenceSource;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.RunLease;
import org.deskplane.vmdiff.api.RunLeases;

/** A host copy that flips a bit in what it sends, or stops after some reads; a server link that drops mid-fetch. */
final class Faulty {

    private Faulty() {
    }

    /** Sends every cluster with its first byte changed: what a bad disk or a broken proxy would do. */
    static DifferenceSource corrupting(DifferenceSource host) {
        return new Delegating(host) {
            @Override
            public void readCluster(String vm, long number, long guestIndex, ByteBuffer dst) throws IOException {
                int start = dst.position();
                super.readCluster(vm, number, guestIndex, dst);
                dst.put(start, (byte) (dst.get(start) ^ 0x5a));
            }
        };
    }

    /** Fails on cluster read number {@code failAt} (counting from 1): the host went down mid-push. */
    static DifferenceSource failingAt(DifferenceSource host, int failAt) {
        AtomicInteger reads = new AtomicInteger();
        return new Delegating(host) {
            @Override
            public void readCluster(String vm, long number, long guestIndex, ByteBuffer dst) throws IOException {
                if (reads.incrementAndGet() >= failAt) {
                    throw new IOException("the host's disk went away (test)");
                }
                super.readCluster(vm, number, guestIndex, dst);
            }
        };
    }

    /** A server whose base reads fail from read number {@code failAt} on: the connection dropped mid-fetch. */
    static DifferenceServer droppingBaseReads(DifferenceServer server, int failAt) {
        AtomicInteger reads = new AtomicInteger();
        return new DifferenceServer() {
            @Override
            public DifferenceSource copy() {
                return server.copy();
            }

            @Override
            public RunLeases leases() {
                return server.leases();
            }

            @Override
            public String installBase(java.nio.file.Path image, String format, String expectedSha256) throws DifferenceException {
                return server.installBase(image, format, expectedSha256);
            }

            @Override
            public List<BaseImage> bases() throws IOException {
                return server.bases();
            }

            @Override
            public List<byte[]> baseBlocks(String sha256) throws IOException {
                return server.baseBlocks(sha256);
            }

            @Override
            public void readBase(String sha256, long offset, ByteBuffer dst) throws IOException {
                if (reads.incrementAndGet() >= failAt) {
                    throw new IOException("the connection dropped (test)");
                }
                server.readBase(sha256, offset, dst);
            }

            @Override
            public Generation accept(DifferenceSource host, RunLease lease) throws DifferenceException {
                return server.accept(host, lease);
            }
        };
    }

    private static class Delegating implements DifferenceSource {
        private final DifferenceSource d;

        Delegating(DifferenceSource d) {
            this.d = d;
        }

        @Override
        public String location() {
            return d.location();
        }

        @Override
        public Optional<Generation> head(String vm) throws IOException {
            return d.head(vm);
        }

        @Override
        public Optional<Generation> generation(String vm, long number) throws IOException {
            return d.generation(vm, number);
        }

        @Override
        public List<ClusterEntry> clusters(String vm, long number) throws IOException {
            return d.clusters(vm, number);
        }

        @Override
        public void readCluster(String vm, long number, long guestIndex, ByteBuffer dst) throws IOException {
            d.readCluster(vm, number, guestIndex, dst);
        }

        @Override
        public String domainXml(String vm, long number) throws IOException {
            return d.domainXml(vm, number);
        }

        @Override
        public List<byte[]> memoryBlocks(String vm, long number) throws IOException {
            return d.memoryBlocks(vm, number);
        }

        @Override
        public void readMemoryBlock(String vm, long number, int block, ByteBuffer dst) throws IOException {
            d.readMemoryBlock(vm, number, block, dst);
        }
    }
}
