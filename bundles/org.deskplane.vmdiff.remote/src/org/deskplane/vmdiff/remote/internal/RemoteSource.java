package org.deskplane.vmdiff.remote.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deskplane.vmdiff.api.ClusterEntry;
import org.deskplane.vmdiff.api.DifferenceException.Kind;
import org.deskplane.vmdiff.api.DifferenceSource;
import org.deskplane.vmdiff.api.Generation;

/**
 * The server's copy read over HTTP. Clusters are read ahead in batches while the reader goes through the index in
 * order (a first pull of a disk costs one request per batch, not per cluster); when the reader skips clusters (it
 * has them already) the window falls back to one, so little that is not needed crosses. Callers check every hash
 * (DeltaPull does), so this class only bounds what it reads.
 */
final class RemoteSource implements DifferenceSource {
    private static final long MAX_INDEX_ENTRIES = 1L << 24;
    private static final int MAX_DOMAIN = 4 << 20;

    private final WireClient wire;
    private final int maxWindow;

    // read-ahead state, for one generation at a time
    private String aheadKey = "";
    private List<ClusterEntry> aheadIndex = List.of();
    private final Map<Long, byte[]> ahead = new LinkedHashMap<>();
    private long lastGuest = -1;
    private int window = 1;

    RemoteSource(WireClient wire, int maxWindow) {
        this.wire = wire;
        this.maxWindow = Math.max(1, maxWindow);
    }

    @Override
    public String location() {
        return "server " + wire.server();
    }

    @Override
    public Optional<Generation> head(String vm) throws IOException {
        return record(path(vm) + "/head");
    }

    @Override
    public Optional<Generation> generation(String vm, long number) throws IOException {
        return record(generationPath(vm, number));
    }

    private Optional<Generation> record(String path) throws IOException {
        try {
            return Optional.of(WireFormat.generation(WireClient.json(wire.get(path, 64 * 1024))));
        } catch (WireFailure e) {
            if (e.kind == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        } catch (IllegalArgumentException e) {
            throw new IOException("the server sent a malformed generation: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<ClusterEntry> clusters(String vm, long number) throws IOException {
        byte[] bytes = wire.get(generationPath(vm, number) + "/index", 16 + MAX_INDEX_ENTRIES * 41).body();
        List<ClusterEntry> index = WireFormat.clusterIndex(bytes, MAX_INDEX_ENTRIES, Long.MAX_VALUE);
        startReading(vm + "#" + number, index);
        return index;
    }

    @Override
    public synchronized void readCluster(String vm, long number, long guestIndex, ByteBuffer dst) throws IOException {
        String key = vm + "#" + number;
        if (!key.equals(aheadKey)) {
            startReading(key, List.of());
        }
        byte[] data = ahead.remove(guestIndex);
        if (data == null) {
            window = isNextDataCluster(guestIndex) ? Math.min(maxWindow, window * 2) : 1;
            fetch(vm, number, guestIndex, dst.remaining());
            data = ahead.remove(guestIndex);
            if (data == null) {
                throw new IOException("the server sent no cluster " + guestIndex + " of " + key);
            }
        }
        ahead.keySet().removeIf(g -> g < guestIndex); // skipped: the reader had them
        lastGuest = guestIndex;
        if (data.length > dst.remaining()) {
            throw new IOException("cluster " + guestIndex + " of " + key + " is " + data.length + " bytes, more than a cluster");
        }
        dst.put(data);
    }

    private void startReading(String key, List<ClusterEntry> index) {
        aheadKey = key;
        aheadIndex = index;
        ahead.clear();
        lastGuest = -1;
        window = 1;
    }

    /** Whether {@code guest} is the data cluster that follows the last one read, in index order. */
    private boolean isNextDataCluster(long guest) {
        if (aheadIndex.isEmpty() || lastGuest < 0) {
            return false;
        }
        for (int i = ReadRoutes.firstAtOrAfter(aheadIndex, lastGuest + 1); i < aheadIndex.size(); i++) {
            if (!aheadIndex.get(i).zero()) {
                return aheadIndex.get(i).guestIndex() == guest;
            }
        }
        return false;
    }

    private void fetch(String vm, long number, long from, int clusterSize) throws IOException {
        long max = (long) window * (12 + clusterSize);
        byte[] body = wire.get(generationPath(vm, number) + "/clusters?from=" + from + "&count=" + window, max).body();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        ahead.clear();
        while (in.available() > 0) {
            long guest = in.readLong();
            int length = in.readInt();
            if (length < 0 || length > clusterSize) {
                throw new IOException("a cluster frame of " + length + " bytes from the server");
            }
            ahead.put(guest, WireFormat.readExactly(in, length));
        }
    }

    @Override
    public String domainXml(String vm, long number) throws IOException {
        return new String(wire.get(generationPath(vm, number) + "/domain", MAX_DOMAIN).body(), StandardCharsets.UTF_8);
    }

    @Override
    public List<byte[]> memoryBlocks(String vm, long number) throws IOException {
        long maxBlocks = 1L << 24; // 16 TiB of memory state
        return WireFormat.hashes(wire.get(generationPath(vm, number) + "/memory", maxBlocks * WireFormat.HASH).body(), maxBlocks);
    }

    @Override
    public void readMemoryBlock(String vm, long number, int block, ByteBuffer dst) throws IOException {
        byte[] data = wire.get(generationPath(vm, number) + "/memory/" + block, WireFormat.MEMORY_BLOCK).body();
        if (data.length > dst.remaining()) {
            throw new IOException("memory block " + block + " of " + vm + " #" + number + " is larger than expected");
        }
        dst.put(data);
    }

    static String path(String vm) {
        return WireResource.BASE + "/vms/" + WireClient.segment(vm);
    }

    static String generationPath(String vm, long number) {
        return path(vm) + "/generations/" + number;
    }
}
