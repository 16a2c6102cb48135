package org.deskplane.layers.client.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.deskplane.layers.api.EntryType;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.chunking.TreeScanner;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Cache mode, for an endpoint short on disk: user files are kept resident up to a byte budget, the rest is left
 * behind as stubs (an empty file with the entry's time and mode, listed in {@code stubs.json}) and fetched when
 * opened. A stub stands for its manifest entry in every scan, so it is never taken for a local edit; a stub the user
 * overwrote or deleted is an ordinary change. Only files the server has (local equals base) are evicted, and never a
 * file the user opened in the last ten minutes, even when it alone is over the budget.
 */
final class CacheMode {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());

    private final EndpointLayout layout;
    private final ContentWriter writer;
    private final Path indexFile;
    private final long budget;
    /** Files the user opened, and when: never evicted within {@link #OPENED_GRACE_MILLIS}. */
    private final Map<String, Long> opened = new java.util.HashMap<>();
    static final long OPENED_GRACE_MILLIS = 10 * 60_000;
    private final Map<String, FileEntry> stubs; // by CVD path

    CacheMode(EndpointLayout layout, ContentWriter writer, Path stateDir, long budget) throws IOException {
        this.layout = layout;
        this.writer = writer;
        this.indexFile = stateDir.resolve("stubs.json");
        this.budget = budget;
        this.stubs = Files.exists(indexFile) ? JSON.readValue(indexFile.toFile(), new TypeReference<TreeMap<String, FileEntry>>() {
        }) : new TreeMap<>();
    }

    long budget() {
        return budget;
    }

    synchronized int stubCount() {
        return stubs.size();
    }

    /** The scanned user files with intact stubs standing for their entries; stubs changed by the user are dropped. */
    synchronized LayerManifest substitute(LayerManifest scanned) throws IOException {
        if (stubs.isEmpty()) {
            return scanned;
        }
        List<FileEntry> entries = new ArrayList<>();
        boolean changed = false;
        Map<String, FileEntry> byPath = scanned.byPath();
        for (FileEntry e : scanned.entries()) {
            FileEntry stub = stubs.get(e.path());
            if (stub != null && intact(e, stub)) {
                entries.add(stub);
            } else {
                entries.add(e);
            }
        }
        for (var it = stubs.entrySet().iterator(); it.hasNext();) {
            var stub = it.next();
            FileEntry seen = byPath.get(stub.getKey());
            if (seen == null || !intact(seen, stub.getValue())) {
                it.remove(); // deleted or overwritten by the user: no longer a stub
                changed = true;
            }
        }
        if (changed) {
            save();
        }
        return new LayerManifest(scanned.layer(), entries);
    }

    private static boolean intact(FileEntry seen, FileEntry stub) {
        return seen.type() == EntryType.FILE && seen.size() == 0 && seen.modifiedMillis() == stub.modifiedMillis();
    }

    /** Whether {@code entry} may be written in full now, given what is resident. */
    boolean fits(FileEntry entry, long resident) {
        return resident + entry.size() <= budget;
    }

    /** Leaves {@code entry} behind at {@code target} as a stub. */
    synchronized void leaveBehind(FileEntry entry, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(".deskplane-" + target.getFileName() + ".part");
        Files.deleteIfExists(temp);
        Files.createFile(temp);
        try {
            Files.setPosixFilePermissions(temp, TreeScanner.permissions(entry.mode()));
        } catch (UnsupportedOperationException e) {
            // keep the default mode
        }
        Files.setLastModifiedTime(temp, FileTime.fromMillis(entry.modifiedMillis()));
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        stubs.put(entry.path(), entry);
        save();
    }

    /** The user opens a file: a stub is fetched now. Returns the complete local file. */
    synchronized Path open(String cvdPath) throws IOException, LayerException {
        Path file = layout.file(Layer.USER_FILES, cvdPath);
        FileEntry stub = stubs.get(cvdPath);
        if (stub != null) {
            BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (now.size() == 0 && now.lastModifiedTime().toMillis() == stub.modifiedMillis()) {
                writer.write(stub, file, Map.of());
            }
            stubs.remove(cvdPath);
            save();
            // a sync round that scanned before this open would otherwise see a resident file with an old time of
            // use and could make it a stub again under the user's hands
            opened.put(cvdPath, System.currentTimeMillis());
        } else if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("no file " + cvdPath + " on this endpoint");
        }
        return file;
    }

    /**
     * Evicts the least recently used synced files until the resident user files fit the budget.
     *
     * @return how many files became stubs
     */
    synchronized int evict(LayerManifest local, LayerManifest base) throws IOException {
        Map<String, FileEntry> synced = base.byPath();
        long now = System.currentTimeMillis();
        opened.values().removeIf(at -> now - at > OPENED_GRACE_MILLIS);
        long resident = 0;
        List<Candidate> candidates = new ArrayList<>();
        for (FileEntry e : local.entries()) {
            if (e.type() != EntryType.FILE || stubs.containsKey(e.path())) {
                continue;
            }
            resident += e.size();
            FileEntry server = synced.get(e.path());
            if (server != null && server.sameContent(e) && e.size() > 0 && !opened.containsKey(e.path())) {
                Path file = layout.file(Layer.USER_FILES, e.path());
                candidates.add(new Candidate(e, file, lastUse(file)));
            }
        }
        candidates.sort(Comparator.comparingLong(Candidate::lastUse));
        int evicted = 0;
        for (Candidate c : candidates) {
            if (resident <= budget) {
                break;
            }
            leaveBehind(c.entry(), c.file());
            resident -= c.entry().size();
            evicted++;
        }
        return evicted;
    }

    private record Candidate(FileEntry entry, Path file, long lastUse) {
    }

    private static long lastUse(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return Math.max(a.lastAccessTime().toMillis(), a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return 0;
        }
    }

    private void save() throws IOException {
        LocalState.write(indexFile, JSON.writeValueAsBytes(stubs));
    }
}
