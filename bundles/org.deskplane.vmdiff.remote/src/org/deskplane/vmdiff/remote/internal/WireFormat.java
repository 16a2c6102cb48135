package org.deskplane.vmdiff.remote.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deskplane.vmdiff.api.ClusterEntry;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.RunLease;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The bodies both sides exchange, in one place so they cannot drift apart: generations and leases as JSON objects
 * (the instant as ISO-8601 text, so the content hash computed from it is the same on both sides), and the binary
 * cluster index and hash lists, each read with every count bounded before anything is allocated.
 */
final class WireFormat {
    static final HexFormat HEX = HexFormat.of();
    /** The store's block size for saved memory states (see DifferenceCopy's memory index). */
    static final int MEMORY_BLOCK = 1 << 20;
    static final int HASH = 32;
    private static final int INDEX_MAGIC = 0x44505749; // "DPWI"
    private static final int INDEX_ENTRY = 8 + 1 + HASH;

    private WireFormat() {
    }

    // ---- JSON ----

    static Map<String, Object> generation(Generation g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vm", g.vm());
        m.put("number", g.number());
        m.put("parentHash", g.parentHash());
        m.put("baseSha256", g.baseSha256());
        m.put("baseFormat", g.baseFormat());
        m.put("virtualSize", g.virtualSize());
        m.put("clusterSize", g.clusterSize());
        m.put("clusters", g.clusters());
        m.put("clustersHash", g.clustersHash());
        m.put("memorySize", g.memorySize());
        m.put("memoryHash", g.memoryHash());
        m.put("domainUuid", g.domainUuid());
        m.put("domainHash", g.domainHash());
        m.put("publishedBy", g.publishedBy());
        m.put("published", g.published().toString());
        m.put("contentHash", g.contentHash());
        return m;
    }

    /** A generation from JSON; a missing or malformed field is an {@link IllegalArgumentException}. */
    static Generation generation(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a generation must be a JSON object");
        }
        int clusterSize = (int) number(n, "clusterSize");
        // qcow2 clusters are 512 B .. 2 MiB, powers of two: anything else cannot be a generation's overlay
        if (clusterSize < 512 || clusterSize > (2 << 20) || Integer.bitCount(clusterSize) != 1) {
            throw new IllegalArgumentException("cluster size " + clusterSize + " is not a qcow2 cluster size");
        }
        long virtualSize = number(n, "virtualSize");
        long clusters = number(n, "clusters");
        long memorySize = number(n, "memorySize");
        if (virtualSize < 0 || clusters < 0 || clusters > maxClusters(virtualSize, clusterSize) || memorySize < 0) {
            throw new IllegalArgumentException("the generation's sizes do not fit together");
        }
        try {
            return new Generation(text(n, "vm"), number(n, "number"), text(n, "parentHash"), text(n, "baseSha256"),
                    text(n, "baseFormat"), virtualSize, clusterSize, clusters, text(n, "clustersHash"), memorySize,
                    text(n, "memoryHash"), text(n, "domainUuid"), text(n, "domainHash"), text(n, "publishedBy"),
                    Instant.parse(text(n, "published")), text(n, "contentHash"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the generation's time is not ISO-8601: " + e.getParsedString());
        }
    }

    static Map<String, Object> lease(RunLease lease) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vm", lease.vm());
        m.put("holder", lease.holder());
        m.put("token", lease.token());
        return m;
    }

    static RunLease lease(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a lease must be a JSON object {vm, holder, token}");
        }
        return new RunLease(text(n, "vm"), text(n, "holder"), number(n, "token"));
    }

    static String text(JsonNode n, String field) {
        return text(n, field, 4096);
    }

    static String text(JsonNode n, String field, int max) {
        JsonNode value = n.get(field);
        if (value == null || !value.isTextual() || value.asText().length() > max) {
            throw new IllegalArgumentException("'" + field + "' must be text (up to " + max + " characters)");
        }
        return value.asText();
    }

    static long number(JsonNode n, String field) {
        JsonNode value = n.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number");
        }
        return value.asLong();
    }

    static long maxClusters(long virtualSize, int clusterSize) {
        return (virtualSize + clusterSize - 1) / clusterSize;
    }

    // ---- binary ----

    /** Cluster index: magic, version 1, count (8 bytes), then per cluster guest index (8), zero flag (1), SHA-256 (32). */
    static byte[] clusterIndex(List<ClusterEntry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + entries.size() * INDEX_ENTRY);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(INDEX_MAGIC);
            out.writeInt(1);
            out.writeLong(entries.size());
            for (ClusterEntry e : entries) {
                out.writeLong(e.guestIndex());
                out.writeBoolean(e.zero());
                out.write(e.zero() ? new byte[HASH] : e.sha256());
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory", e);
        }
        return bytes.toByteArray();
    }

    /** Reads a cluster index of at most {@code maxEntries}, ascending, each guest index below {@code maxGuest}. */
    static List<ClusterEntry> clusterIndex(byte[] bytes, long maxEntries, long maxGuest) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
        if (bytes.length < 16 || in.readInt() != INDEX_MAGIC || in.readInt() != 1) {
            throw new IOException("not a cluster index");
        }
        long count = in.readLong();
        if (count < 0 || count > maxEntries || bytes.length != 16 + count * INDEX_ENTRY) {
            throw new IOException("a cluster index of " + count + " entries in " + bytes.length + " bytes");
        }
        List<ClusterEntry> entries = new ArrayList<>((int) count);
        long previous = -1;
        for (long i = 0; i < count; i++) {
            long guest = in.readLong();
            boolean zero = in.readBoolean();
            byte[] hash = new byte[HASH];
            in.readFully(hash);
            if (guest <= previous || guest >= maxGuest) {
                throw new IOException("cluster " + guest + " of the index is out of order or beyond the disk");
            }
            previous = guest;
            entries.add(new ClusterEntry(guest, zero, zero ? new byte[0] : hash));
        }
        return entries;
    }

    /** A list of SHA-256 hashes: their 32 bytes one after the other. */
    static byte[] hashes(List<byte[]> hashes) {
        byte[] out = new byte[hashes.size() * HASH];
        for (int i = 0; i < hashes.size(); i++) {
            if (hashes.get(i).length != HASH) {
                throw new IllegalArgumentException("not a SHA-256: " + hashes.get(i).length + " bytes");
            }
            System.arraycopy(hashes.get(i), 0, out, i * HASH, HASH);
        }
        return out;
    }

    static List<byte[]> hashes(byte[] bytes, long maxCount) throws IOException {
        if (bytes.length % HASH != 0 || bytes.length / HASH > maxCount) {
            throw new IOException("a hash list of " + bytes.length + " bytes (at most " + maxCount + " hashes)");
        }
        List<byte[]> out = new ArrayList<>(bytes.length / HASH);
        for (int at = 0; at < bytes.length; at += HASH) {
            out.add(java.util.Arrays.copyOfRange(bytes, at, at + HASH));
        }
        return out;
    }

    /** Writes one frame of a batch: an 8-byte key (guest index, or 0), a 4-byte length, the bytes. */
    static void frame(DataOutputStream out, long key, byte[] data, int offset, int length) throws IOException {
        out.writeLong(key);
        out.writeInt(length);
        out.write(data, offset, length);
    }

    /** Reads exactly {@code n} bytes or fails: a body that ends early is not silently short. */
    static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new java.io.EOFException("the body ended " + (n - bytes.length) + " bytes early");
        }
        return bytes;
    }

    static byte[] sha256(byte[] data, int offset, int length) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(data, offset, length);
            return digest.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
