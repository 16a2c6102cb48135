package org.deskplane.vmdiff.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.deskplane.vmdiff.api.ClusterEntry;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;
import org.deskplane.vmdiff.api.DifferenceSource;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.qcow2.Qcow2Image;
import org.deskplane.vmdiff.qcow2.Qcow2Writer;
import org.deskplane.vmdiff.store.internal.ClusterIndex;
import org.deskplane.vmdiff.store.internal.Durable;
import org.deskplane.vmdiff.store.internal.GenerationRecord;
import org.deskplane.vmdiff.store.internal.Hashes;
import org.deskplane.vmdiff.store.internal.MemoryIndex;

/**
 * One computer's copy of VM differences under one folder:
 *
 * <pre>
 * bases/&lt;sha256&gt;.&lt;format&gt;          the shared base images, named by their content hash
 * vms/&lt;vm&gt;/gen-&lt;n&gt;/generation.properties  the published record (a folder without it is not published)
 *                    disk.qcow2     the overlay on this copy's base
 *                    clusters.idx   guest cluster → SHA-256
 *                    memory.state   saved memory (suspended VMs), memory.idx its block hashes
 * vms/&lt;vm&gt;/.staging-*              generations being assembled
 * </pre>
 */
public final class DifferenceCopy implements DifferenceSource, AutoCloseable {
    static final String DISK = "disk.qcow2";
    static final String MEMORY = "memory.state";
    private static final String RECORD = "generation.properties";
    private static final String CLUSTERS = "clusters.idx";
    private static final String MEMORY_INDEX = "memory.idx";
    static final String DOMAIN = "domain.xml";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern GENERATION = Pattern.compile("gen-(\\d{1,18})");

    private final Path root;
    private final String location;
    private final OpenImages images = new OpenImages();

    /** Opens (creating if needed) the copy in {@code root}, deleting generations a crash left half-staged. */
    public DifferenceCopy(Path root, String location) throws IOException {
        this.root = root;
        this.location = location;
        Files.createDirectories(root.resolve("bases"));
        Files.createDirectories(root.resolve("vms"));
        try (DirectoryStream<Path> vms = Files.newDirectoryStream(root.resolve("vms"))) {
            for (Path vm : vms) {
                try (DirectoryStream<Path> staged = Files.newDirectoryStream(vm, ".staging-*")) {
                    for (Path leftover : staged) {
                        Staging.deleteTree(leftover);
                    }
                }
            }
        }
    }

    @Override
    public String location() {
        return location;
    }

    public Path root() {
        return root;
    }

    // ---- base images ----

    public Path basePath(String sha256, String format) {
        requireName("base hash", sha256);
        requireName("base format", format);
        return root.resolve("bases").resolve(sha256 + "." + format);
    }

    /**
     * Takes a base image into this copy (a hard link where it can, else a copy), named by its SHA-256, which is
     * computed here and must equal {@code expectedSha256} when one is given. Returns the hash.
     */
    public String installBase(Path image, String format, String expectedSha256) throws IOException, DifferenceException {
        String sha = BaseHashes.compute(image);
        if (expectedSha256 != null && !expectedSha256.equals(sha)) {
            throw new DifferenceException(Kind.BASE_MISMATCH, image + " has SHA-256 " + sha + ", not " + expectedSha256);
        }
        Path target = basePath(sha, format);
        if (!Files.exists(target)) {
            Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try {
                Files.createLink(temp, image.toRealPath());
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(image, temp, StandardCopyOption.REPLACE_EXISTING);
                Durable.force(temp);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            Durable.forceFolder(target.getParent());
        }
        BaseHashes.remember(target, sha);
        return sha;
    }

    /** The base image with this hash, checked against it: a host never runs a VM on a base that is not the one. */
    public Path requireBase(String sha256, String format) throws IOException, DifferenceException {
        Path base = basePath(sha256, format);
        if (!Files.isRegularFile(base)) {
            throw new DifferenceException(Kind.NOT_FOUND, location + " has no base image " + sha256);
        }
        String actual = BaseHashes.verified(base);
        if (!actual.equals(sha256)) {
            throw new DifferenceException(Kind.BASE_MISMATCH, "the base image " + base + " on " + location
                    + " has SHA-256 " + actual + ", not " + sha256 + ": refusing to use it");
        }
        return base;
    }

    /** The base images this copy holds. */
    public List<org.deskplane.vmdiff.api.BaseImage> bases() throws IOException {
        List<org.deskplane.vmdiff.api.BaseImage> bases = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root.resolve("bases"))) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                int dot = name.indexOf('.');
                if (!name.startsWith(".") && dot == 64 && Files.isRegularFile(file)) {
                    bases.add(new org.deskplane.vmdiff.api.BaseImage(name.substring(0, dot), name.substring(dot + 1), Files.size(file)));
                }
            }
        }
        bases.sort(Comparator.comparing(org.deskplane.vmdiff.api.BaseImage::sha256));
        return bases;
    }

    /** SHA-256 per transfer block of a base image this copy holds (computed once, then kept beside it). */
    public List<byte[]> baseBlocks(String sha256) throws IOException, DifferenceException {
        return BaseHashes.blocks(requireBase(sha256, baseFormat(sha256)));
    }

    /** Reads from a base image this copy holds. */
    public void readBase(String sha256, long offset, ByteBuffer dst) throws IOException, DifferenceException {
        Path base = basePath(sha256, baseFormat(sha256));
        try (FileChannel channel = FileChannel.open(base, StandardOpenOption.READ)) {
            if (offset < 0 || offset > channel.size()) {
                throw new IOException("offset " + offset + " is outside base image " + sha256);
            }
            for (long position = offset; dst.hasRemaining();) {
                int read = channel.read(dst, position);
                if (read < 0) {
                    break;
                }
                position += read;
            }
        }
    }

    private String baseFormat(String sha256) throws IOException, DifferenceException {
        return bases().stream().filter(b -> b.sha256().equals(sha256)).map(org.deskplane.vmdiff.api.BaseImage::format)
                .findFirst().orElseThrow(() -> new DifferenceException(Kind.NOT_FOUND, location + " has no base image " + sha256));
    }

    // ---- generations ----

    public List<String> vms() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> vms = Files.newDirectoryStream(root.resolve("vms"))) {
            vms.forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(null);
        return names;
    }

    /** Every published generation of the VM, oldest first (records stay when old data is pruned). */
    public List<Generation> generations(String vm) throws IOException {
        Path folder = vmFolder(vm);
        List<Generation> found = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return found;
        }
        try (DirectoryStream<Path> gens = Files.newDirectoryStream(folder, "gen-*")) {
            for (Path gen : gens) {
                if (GENERATION.matcher(gen.getFileName().toString()).matches() && Files.isRegularFile(gen.resolve(RECORD))) {
                    found.add(readRecord(gen));
                }
            }
        }
        found.sort(Comparator.comparingLong(Generation::number));
        return found;
    }

    @Override
    public Optional<Generation> head(String vm) throws IOException {
        // on every resume and pull, several times: find the newest by folder name, read only its record
        Path folder = vmFolder(vm);
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        Path newest = null;
        long newestNumber = -1;
        try (DirectoryStream<Path> gens = Files.newDirectoryStream(folder, "gen-*")) {
            for (Path gen : gens) {
                java.util.regex.Matcher name = GENERATION.matcher(gen.getFileName().toString());
                if (name.matches() && Long.parseLong(name.group(1)) > newestNumber
                        && Files.isRegularFile(gen.resolve(RECORD))) {
                    newestNumber = Long.parseLong(name.group(1));
                    newest = gen;
                }
            }
        }
        return newest == null ? Optional.empty() : Optional.of(readRecord(newest));
    }

    @Override
    public Optional<Generation> generation(String vm, long number) throws IOException {
        Path gen = generationFolder(vm, number);
        return Files.isRegularFile(gen.resolve(RECORD)) ? Optional.of(readRecord(gen)) : Optional.empty();
    }

    public Path disk(String vm, long number) {
        return generationFolder(vm, number).resolve(DISK);
    }

    /** The saved memory state of the generation (absent when the VM was shut down, or pruned). */
    public Optional<Path> memory(String vm, long number) {
        Path memory = generationFolder(vm, number).resolve(MEMORY);
        return Files.isRegularFile(memory) ? Optional.of(memory) : Optional.empty();
    }

    /** A new, empty staging folder for generation {@code number} of the VM. */
    public Staging stage(String vm, long number) throws IOException {
        Path folder = vmFolder(vm).resolve(".staging-" + number + "-" + UUID.randomUUID());
        Files.createDirectories(folder);
        return new Staging(folder, vm, number);
    }

    /**
     * Captures a stopped VM's working overlay (and saved memory, if it was suspended) as the next generation:
     * rewrites the overlay onto this copy's base while hashing every cluster, links the memory state in, and
     * publishes. The working files are left as they are (the caller deletes them once this returned).
     */
    public Generation capture(String vm, Path workingOverlay, Path savedMemory, Capture info)
            throws IOException, DifferenceException {
        Optional<Generation> parent = head(vm);
        long number = parent.map(g -> g.number() + 1).orElse(1L);
        Path base = requireBase(info.baseSha256(), info.baseFormat());
        try (Staging staging = stage(vm, number); Qcow2Image overlay = Qcow2Image.open(workingOverlay)) {
            List<ClusterEntry> entries = new ArrayList<>();
            ByteBuffer cluster = ByteBuffer.allocate(overlay.clusterSize());
            try (Qcow2Writer writer = Qcow2Writer.create(staging.disk(), overlay.virtualSize(), overlay.clusterSize(),
                    base.toString(), info.baseFormat())) {
                var allocated = overlay.allocated();
                while (allocated.hasNext()) {
                    var entry = allocated.next();
                    if (entry.kind() == org.deskplane.vmdiff.qcow2.ClusterKind.ZERO) {
                        writer.zeroCluster(entry.guestIndex());
                        entries.add(new ClusterEntry(entry.guestIndex(), true, new byte[0]));
                    } else {
                        cluster.clear();
                        overlay.readCluster(entry.guestIndex(), cluster);
                        cluster.flip();
                        entries.add(new ClusterEntry(entry.guestIndex(), false, Hashes.of(cluster)));
                        writer.writeCluster(entry.guestIndex(), cluster);
                    }
                }
                writer.finish();
            }
            byte[] clusterIndex = ClusterIndex.encode(entries);
            Files.write(staging.folder().resolve(CLUSTERS), clusterIndex);
            long memorySize = 0;
            String memoryHash = "";
            if (savedMemory != null) {
                try {
                    Files.createLink(staging.memory(), savedMemory);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(savedMemory, staging.memory());
                }
                memorySize = Files.size(staging.memory());
                byte[] memoryIndex = MemoryIndex.encode(memorySize, MemoryIndex.hashBlocks(staging.memory()));
                Files.write(staging.folder().resolve(MEMORY_INDEX), memoryIndex);
                memoryHash = Hashes.hex(Hashes.of(memoryIndex));
            }
            byte[] domain = info.domainXml().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Files.write(staging.folder().resolve(DOMAIN), domain);
            Generation generation = GenerationRecord.sealed(new Generation(vm, number,
                    parent.map(Generation::contentHash).orElse(""), info.baseSha256(), info.baseFormat(),
                    overlay.virtualSize(), overlay.clusterSize(), entries.size(), Hashes.hex(Hashes.of(clusterIndex)),
                    memorySize, memoryHash, info.domainUuid(), Hashes.hex(Hashes.of(domain)), location, Instant.now(), ""));
            publish(staging, generation);
            return generation;
        }
    }

    /** What {@link #capture} needs besides the files: the base, and the VM's UUID and domain XML. */
    public record Capture(String baseSha256, String baseFormat, String domainUuid, String domainXml) {
    }

    /**
     * Publishes a staged generation: every file forced to disk, the record written, then the one rename that makes
     * it visible. A generation of that number that is already there is never replaced.
     */
    public void publish(Staging staging, Generation generation) throws IOException, DifferenceException {
        if (!staging.vm().equals(generation.vm()) || staging.number() != generation.number()) {
            throw new IllegalArgumentException("staging " + staging.vm() + "#" + staging.number() + " for " + generation);
        }
        Files.write(staging.folder().resolve(RECORD), GenerationRecord.encode(generation));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(staging.folder())) {
            for (Path file : files) {
                Durable.force(file);
            }
        }
        Durable.forceFolder(staging.folder());
        Path target = generationFolder(generation.vm(), generation.number());
        try {
            Files.move(staging.folder(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            Optional<Generation> there = generation(generation.vm(), generation.number());
            throw new DifferenceException(there.isPresent() && !there.get().contentHash().equals(generation.contentHash())
                    ? Kind.DIVERGED : Kind.INVALID, location + " already has generation " + generation.number() + " of "
                            + generation.vm(), e);
        }
        staging.published();
        Durable.forceFolder(target.getParent());
    }

    /** Re-reads a generation's overlay and memory state and checks every hash; CORRUPT names the first bad part. */
    public void verify(String vm, long number) throws IOException, DifferenceException {
        Generation generation = generation(vm, number)
                .orElseThrow(() -> new DifferenceException(Kind.NOT_FOUND, location + " has no generation " + number + " of " + vm));
        List<ClusterEntry> entries = clusters(vm, number);
        ByteBuffer cluster = ByteBuffer.allocate(generation.clusterSize());
        try (Qcow2Image overlay = Qcow2Image.open(disk(vm, number))) {
            for (ClusterEntry entry : entries) {
                if (!entry.zero()) {
                    cluster.clear();
                    overlay.readCluster(entry.guestIndex(), cluster);
                    cluster.flip();
                    if (!Arrays.equals(entry.sha256(), Hashes.of(cluster))) {
                        throw new DifferenceException(Kind.CORRUPT, "cluster " + entry.guestIndex() + " of " + vm
                                + " #" + number + " on " + location + " does not match its hash");
                    }
                }
            }
        }
        List<byte[]> blocks = memoryBlocks(vm, number);
        if (generation.hasMemoryState()) {
            Path memory = memory(vm, number).orElseThrow(() -> new DifferenceException(Kind.CORRUPT,
                    "the memory state of " + vm + " #" + number + " is missing on " + location));
            List<byte[]> actual = MemoryIndex.hashBlocks(memory);
            for (int i = 0; i < Math.max(blocks.size(), actual.size()); i++) {
                if (i >= actual.size() || i >= blocks.size() || !Arrays.equals(blocks.get(i), actual.get(i))) {
                    throw new DifferenceException(Kind.CORRUPT, "memory block " + i + " of " + vm + " #" + number
                            + " on " + location + " does not match its hash");
                }
            }
        }
    }

    /** Frees the disk and memory files of all but the newest {@code keep} generations; their records stay. */
    public void prune(String vm, int keep) throws IOException {
        List<Generation> all = generations(vm);
        for (int i = 0; i < all.size() - Math.max(1, keep); i++) {
            Path gen = generationFolder(vm, all.get(i).number());
            images.forget(gen);
            Files.deleteIfExists(gen.resolve(DISK));
            Files.deleteIfExists(gen.resolve(MEMORY));
        }
    }

    // ---- DifferenceSource ----

    @Override
    public List<ClusterEntry> clusters(String vm, long number) throws IOException {
        Generation generation = generation(vm, number).orElseThrow(() -> new IOException(location + " has no generation " + number + " of " + vm));
        long maxClusters = (generation.virtualSize() + generation.clusterSize() - 1) / generation.clusterSize();
        Path index = generationFolder(vm, number).resolve(CLUSTERS);
        byte[] bytes = readBounded(index, ClusterIndex.maxBytes(maxClusters));
        if (!Hashes.hex(Hashes.of(bytes)).equals(generation.clustersHash())) {
            throw new IOException("the cluster index of " + vm + " #" + number + " on " + location + " does not match its hash");
        }
        return ClusterIndex.decode(bytes, index, maxClusters); // the bytes just checked: one read, no window between
    }

    @Override
    public void readCluster(String vm, long number, long guestIndex, ByteBuffer dst) throws IOException {
        images.image(generationFolder(vm, number)).readCluster(guestIndex, dst);
    }

    @Override
    public String domainXml(String vm, long number) throws IOException {
        Generation generation = generation(vm, number).orElseThrow(() -> new IOException(location + " has no generation " + number + " of " + vm));
        byte[] xml = Files.readAllBytes(generationFolder(vm, number).resolve(DOMAIN));
        if (!Hashes.hex(Hashes.of(xml)).equals(generation.domainHash())) {
            throw new IOException("the domain XML of " + vm + " #" + number + " on " + location + " does not match its hash");
        }
        return new String(xml, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public List<byte[]> memoryBlocks(String vm, long number) throws IOException {
        Generation generation = generation(vm, number).orElseThrow(() -> new IOException(location + " has no generation " + number + " of " + vm));
        if (!generation.hasMemoryState()) {
            return List.of();
        }
        Path index = generationFolder(vm, number).resolve(MEMORY_INDEX);
        byte[] bytes = readBounded(index, MemoryIndex.bytesFor(generation.memorySize()));
        if (!Hashes.hex(Hashes.of(bytes)).equals(generation.memoryHash())) {
            throw new IOException("the memory index of " + vm + " #" + number + " on " + location + " does not match its hash");
        }
        return MemoryIndex.decode(bytes, index, generation.memorySize());
    }

    @Override
    public void readMemoryBlock(String vm, long number, int block, ByteBuffer dst) throws IOException {
        Path memory = memory(vm, number).orElseThrow(() -> new IOException(location + " no longer holds the memory of " + vm + " #" + number));
        try (FileChannel channel = FileChannel.open(memory, StandardOpenOption.READ)) {
            long at = (long) block * MemoryIndex.BLOCK;
            int length = (int) Math.min(MemoryIndex.BLOCK, channel.size() - at);
            if (length <= 0) {
                throw new IOException("memory block " + block + " is beyond the state of " + vm + " #" + number);
            }
            ByteBuffer window = dst.slice(dst.position(), length);
            for (long position = at; window.hasRemaining();) {
                int read = channel.read(window, position);
                if (read < 0) {
                    throw new java.io.EOFException("the memory state of " + vm + " #" + number + " ended early");
                }
                position += read;
            }
            dst.position(dst.position() + length);
        }
    }

    @Override
    public void close() throws IOException {
        images.close();
    }

    // ---- helpers ----

    /** The whole file, refused unread when it is larger than its kind can be (a damaged or planted index). */
    private static byte[] readBounded(Path file, long maxBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes || size > Integer.MAX_VALUE - 16) {
            throw new IOException(file + " has " + size + " bytes; an index of this generation has at most " + maxBytes);
        }
        return Files.readAllBytes(file);
    }

    private Generation readRecord(Path gen) throws IOException {
        try (InputStream in = Files.newInputStream(gen.resolve(RECORD))) {
            return GenerationRecord.decode(in.readNBytes(64 * 1024 + 1));
        }
    }

    private Path vmFolder(String vm) {
        requireName("vm", vm);
        return root.resolve("vms").resolve(vm);
    }

    private Path generationFolder(String vm, long number) {
        return vmFolder(vm).resolve("gen-" + number);
    }

    static void requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be letters, digits, . _ - (up to 128): " + value);
        }
    }
}
