package org.deskplane.vmdiff.remote.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.deskplane.rest.api.ApiException;
import org.deskplane.vmdiff.api.ClusterEntry;
import org.deskplane.vmdiff.api.CopyRelation;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;
import org.deskplane.vmdiff.api.DifferenceServer;
import org.deskplane.vmdiff.api.DifferenceSource;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.store.DeltaPull;

/**
 * The push sessions of one server copy, on disk in one folder: announce (what is missing), receive uploads (each
 * checked against its hash before it is kept), commit (the server's own delta pull from the session), and
 * cleaning of sessions that were published, superseded or left alone too long.
 */
final class PushSessions {
    private static final Logger LOG = Logger.getLogger(PushSessions.class.getName());

    /** What an announcement (or an upload) leaves to send. */
    record Missing(String id, CopyRelation relation, List<String> clusters, List<String> memoryBlocks) {
    }

    /** What one upload request kept. */
    record Received(int kept, long bytes, Missing left) {
    }

    private final Path folder;
    private final DifferenceServer server;
    private final Duration ttl;

    PushSessions(Path folder, DifferenceServer server, Duration ttl) throws IOException {
        this.folder = folder;
        this.server = server;
        this.ttl = ttl;
        Files.createDirectories(folder);
    }

    DifferenceServer server() {
        return server;
    }

    /**
     * Opens (or resumes) the session of an announced generation. Refuses a lease that is not current
     * (LEASE_HELD), a copy that went another way (DIVERGED) and a server that is already ahead (INVALID).
     */
    synchronized Missing announce(PushSession announced) throws IOException, DifferenceException {
        clean();
        requireCurrent(announced);
        Generation g = announced.generation;
        SessionSource view = new SessionSource(announced, server.copy());
        CopyRelation relation = DeltaPull.relation(server.copy(), view, g.vm());
        switch (relation) {
        case DIVERGED -> throw new DifferenceException(Kind.DIVERGED, "the server's copy of " + g.vm() + " ("
                + server.copy().head(g.vm()).map(h -> "#" + h.number() + " by " + h.publishedBy()).orElse("none")
                + ") and the pushed #" + g.number() + " by " + g.publishedBy()
                + " went different ways: refused, nothing merged (an administrator chooses one)");
        case AHEAD -> throw new DifferenceException(Kind.INVALID, "the server's copy of " + g.vm()
                + " is ahead of the pushed #" + g.number() + ": pull from the server instead");
        default -> {
        }
        }
        Path at = folder.resolve(announced.id());
        PushSession session = new PushSession(at, announced.lease, g, announced.ancestor, announced.clusters,
                announced.memoryBlocks, announced.domainXml);
        session.save();
        return missing(session, relation);
    }

    /** The session named {@code id}, as last announced. */
    PushSession open(String id) throws IOException, DifferenceException {
        Path at = folder.resolve(Params.sha256(id, "a push id"));
        if (!Files.isRegularFile(at.resolve(PushSession.SESSION))) {
            throw new DifferenceException(Kind.NOT_FOUND, "no push " + id + " (it was committed, cleaned, or never announced): announce again");
        }
        return PushSession.load(at);
    }

    /**
     * Keeps the frames of one upload: (SHA-256: 32 bytes, length: 4 bytes, bytes). Every frame must be a cluster
     * (or memory block) of the push and hash to its name; the first one that does not fails the request and
     * nothing of it is kept.
     */
    Received receive(PushSession session, boolean memory, InputStream body, long maxBytes) throws IOException, DifferenceException {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        if (memory) {
            wanted.putAll(session.memoryHashes());
        } else {
            session.clusterHashes().forEach(h -> wanted.put(h, session.generation.clusterSize()));
        }
        DataInputStream in = new DataInputStream(body);
        Map<Path, Path> staged = new LinkedHashMap<>();
        long bytes = 0;
        try {
            while (true) {
                byte[] hash = in.readNBytes(WireFormat.HASH);
                if (hash.length == 0) {
                    break;
                }
                if (hash.length < WireFormat.HASH) {
                    throw ApiException.badRequest("the upload ended inside a frame header");
                }
                String name = WireFormat.HEX.formatHex(hash);
                Integer expected = wanted.get(name);
                if (expected == null) {
                    throw ApiException.badRequest((memory ? "memory block " : "cluster ") + name + " is not part of push " + session.id());
                }
                int length = in.readInt();
                if (length != expected) {
                    throw ApiException.badRequest((memory ? "memory block " : "cluster ") + name + " has " + expected
                            + " bytes, the frame says " + length);
                }
                bytes += length;
                if (bytes > maxBytes) {
                    throw new ApiException(413, "Request body too large", "one upload carries at most " + maxBytes + " bytes; send more requests");
                }
                byte[] data = WireFormat.readExactly(in, length);
                if (!java.util.Arrays.equals(hash, WireFormat.sha256(data, 0, length))) {
                    throw new DifferenceException(Kind.CORRUPT, (memory ? "memory block " : "cluster ") + name + " of push "
                            + session.id() + " arrived with bytes that do not match its SHA-256: refused, nothing of this upload was kept");
                }
                Path temp = session.blobs().resolve(".upload-" + UUID.randomUUID());
                Files.write(temp, data);
                staged.put(temp, session.blob(name));
            }
        } catch (EOFException e) {
            discard(staged);
            throw ApiException.badRequest("the upload ended inside a frame: " + e.getMessage());
        } catch (IOException | DifferenceException | RuntimeException e) {
            discard(staged); // nothing of a refused upload is kept
            throw e;
        }
        return keep(session, memory, staged, bytes);
    }

    private Received keep(PushSession session, boolean memory, Map<Path, Path> staged, long bytes) throws IOException, DifferenceException {
        for (Map.Entry<Path, Path> e : staged.entrySet()) {
            Files.move(e.getKey(), e.getValue(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setLastModifiedTime(session.folder.resolve(PushSession.SESSION), FileTime.from(Instant.now()));
        return new Received(staged.size(), bytes, missing(session, null));
    }

    /** Runs the server's delta pull from the session, then forgets the session. */
    synchronized Generation commit(PushSession session) throws IOException, DifferenceException {
        requireCurrent(session);
        Missing left = missing(session, null);
        if (!left.clusters().isEmpty() || !left.memoryBlocks().isEmpty()) {
            throw new DifferenceException(Kind.INVALID, "push " + session.id() + " still lacks " + left.clusters().size()
                    + " clusters and " + left.memoryBlocks().size() + " memory blocks: upload them, then commit");
        }
        Generation published = server.accept(new SessionSource(session, server.copy()), session.lease);
        delete(session.folder);
        return published;
    }

    /** Deletes sessions that are published or superseded (the server has that number) and those left too long. */
    synchronized void clean() {
        try (DirectoryStream<Path> all = Files.newDirectoryStream(folder)) {
            for (Path session : all) {
                try {
                    if (stale(session)) {
                        delete(session);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warning("push session " + session + " could not be cleaned: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warning("push sessions in " + folder + " could not be listed: " + e.getMessage());
        }
    }

    private boolean stale(Path session) throws IOException {
        Path record = session.resolve(PushSession.SESSION);
        if (!Files.isRegularFile(record)) {
            // half-written (announce interrupted): give it the same grace as a session
            return Files.getLastModifiedTime(session).toInstant().isBefore(Instant.now().minus(ttl));
        }
        if (Files.getLastModifiedTime(record).toInstant().isBefore(Instant.now().minus(ttl))) {
            return true;
        }
        Generation g = WireFormat.generation(LeaseRoutes.JSON.readTree(Files.readAllBytes(record)).get("generation"));
        Optional<Generation> head = server.copy().head(g.vm());
        return head.isPresent() && head.get().number() >= g.number();
    }

    private void requireCurrent(PushSession session) throws DifferenceException {
        if (!server.leases().isCurrent(session.lease)) {
            throw new DifferenceException(Kind.LEASE_HELD, session.lease.holder() + " pushed " + session.lease.vm()
                    + " with lease token " + session.lease.token() + ", which is not current ("
                    + server.leases().current(session.lease.vm()).map(l -> "held by " + l.holder() + ", token " + l.token()).orElse("free")
                    + "): refused");
        }
    }

    /** The data the session lacks: not uploaded and not in the server's newest generation of the VM. */
    private Missing missing(PushSession session, CopyRelation relation) throws IOException {
        DifferenceSource copy = server.copy();
        Generation g = session.generation;
        Optional<Generation> head = copy.head(g.vm());
        if (relation == null) {
            relation = DeltaPull.relation(copy, new SessionSource(session, copy), g.vm());
        }
        if (relation == CopyRelation.SAME) {
            return new Missing(session.id(), relation, List.of(), List.of());
        }
        Set<String> have = new HashSet<>();
        if (head.isPresent()) {
            if (head.get().clusterSize() == g.clusterSize()) {
                for (ClusterEntry e : copy.clusters(g.vm(), head.get().number())) {
                    if (!e.zero()) {
                        have.add(WireFormat.HEX.formatHex(e.sha256()));
                    }
                }
            }
            for (byte[] h : copy.memoryBlocks(g.vm(), head.get().number())) {
                have.add(WireFormat.HEX.formatHex(h));
            }
        }
        List<String> clusters = new ArrayList<>();
        for (String h : session.clusterHashes()) {
            if (!have.contains(h) && !session.has(h)) {
                clusters.add(h);
            }
        }
        List<String> memory = new ArrayList<>();
        for (String h : session.memoryHashes().keySet()) {
            if (!have.contains(h) && !session.has(h)) {
                memory.add(h);
            }
        }
        return new Missing(session.id(), relation, clusters, memory);
    }

    private static void discard(Map<Path, Path> staged) {
        for (Path temp : staged.keySet()) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // a leftover temp file goes with its session
            }
        }
    }

    static void delete(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static void atomicWrite(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.write(temp, content);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
