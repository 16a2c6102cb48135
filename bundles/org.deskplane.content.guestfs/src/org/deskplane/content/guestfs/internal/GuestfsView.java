package org.deskplane.content.guestfs.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.ContentView;
import org.deskplane.content.api.EntryType;

/**
 * A disk's file systems as mounted read-only inside the helper VM. One file system is the root; several are
 * each mounted on {@code /<volume>} and the root lists them (like the in-process disk view).
 */
final class GuestfsView implements ContentView {

    private final GuestfishSession session;
    private final List<String> volumes;
    private final GuestfsLimits limits;
    private final String image;
    private final Instant imageModified;
    private final String note;

    GuestfsView(GuestfishSession session, List<String> volumes, GuestfsLimits limits, String image,
            Instant imageModified, String note) {
        this.session = session;
        this.volumes = List.copyOf(volumes);
        this.limits = limits;
        this.image = image;
        this.imageModified = imageModified;
        this.note = note;
    }

    private boolean virtualRoot(String path) {
        return volumes.size() > 1 && path.equals("/");
    }

    @Override
    public ContentEntry stat(String path) throws IOException {
        if (virtualRoot(path)) {
            return entry("/", new GuestStat(EntryType.DIRECTORY, 0, imageModified), null);
        }
        GuestStat stat = lstat(path);
        return entry(path, stat, stat.type() == EntryType.SYMLINK ? readlink(path) : null);
    }

    @Override
    public List<ContentEntry> list(String path) throws IOException {
        if (virtualRoot(path)) {
            List<ContentEntry> roots = new ArrayList<>();
            for (String volume : volumes) {
                roots.add(entry("/" + volume, new GuestStat(EntryType.DIRECTORY, 0, imageModified), null));
            }
            return roots;
        }
        GuestStat directory = lstat(path);
        if (directory.type() != EntryType.DIRECTORY) {
            throw new NotDirectoryException(path);
        }
        GuestfishSession.Result result = session.run(List.of("readdir " + GuestfishSession.quote(path)),
                limits.commandTimeout(), limits.maxListingBytes());
        failOn(result, path);
        List<String> names = new ArrayList<>();
        for (Map<String, String> dirent : StructOutput.list(result.text(), limits.maxEntries(), "the listing of " + path)) {
            String name = dirent.get("name");
            if (name == null || name.isEmpty() || name.contains("/")) {
                throw new ContentException(Reason.UNREADABLE, "a nameless or slashed entry in " + path);
            }
            if (!name.equals(".") && !name.equals("..")) {
                names.add(name);
            }
        }
        String prefix = path.equals("/") ? "/" : path + "/";
        List<ContentEntry> entries = new ArrayList<>(names.size());
        for (int from = 0; from < names.size(); from += limits.statBatch()) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + limits.statBatch()));
            List<GuestStat> stats = lstatBatch(prefix, batch);
            for (int i = 0; i < batch.size(); i++) {
                String child = prefix + batch.get(i);
                GuestStat stat = stats.get(i);
                entries.add(entry(child, stat, stat.type() == EntryType.SYMLINK ? readlink(child) : null));
            }
        }
        return entries;
    }

    /** Many lstatns in one round trip; when one of them fails (the count is off), each again on its own. */
    private List<GuestStat> lstatBatch(String prefix, List<String> names) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            lines.add("lstatns " + GuestfishSession.quote(prefix + name));
        }
        GuestfishSession.Result result = session.run(lines, limits.commandTimeout(), limits.maxListingBytes());
        List<GuestStat> stats = new ArrayList<>();
        if (!result.failed()) {
            String[] blocks = ("\n" + result.text()).split("\nst_dev: ", -1);
            if (blocks.length == names.size() + 1) {
                for (int i = 0; i < names.size(); i++) {
                    Map<String, String> fields = StructOutput.single("st_dev: " + blocks[i + 1], "the status of "
                            + prefix + names.get(i));
                    stats.add(GuestStat.of(fields, prefix + names.get(i)));
                }
                return stats;
            }
        }
        for (String name : names) {
            stats.add(lstat(prefix + name));
        }
        return stats;
    }

    GuestStat lstat(String path) throws IOException {
        GuestfishSession.Result result = session.run(List.of("lstatns " + GuestfishSession.quote(path)),
                limits.commandTimeout(), limits.maxListingBytes());
        failOn(result, path);
        return GuestStat.of(StructOutput.single(result.text(), "the status of " + path), path);
    }

    private String readlink(String path) throws IOException {
        GuestfishSession.Result result = session.run(List.of("readlink " + GuestfishSession.quote(path)),
                limits.commandTimeout(), 65536);
        failOn(result, path);
        String target = result.text();
        return target.endsWith("\n") ? target.substring(0, target.length() - 1) : target;
    }

    /** Reads up to {@code length} (≤ one chunk) bytes at {@code position}. */
    int pread(String path, long position, byte[] buffer, int offset, int length) throws IOException {
        int count = Math.min(length, limits.readChunk());
        GuestfishSession.Result result = session.run(
                List.of("pread " + GuestfishSession.quote(path) + " " + count + " " + position),
                limits.commandTimeout(), count);
        failOn(result, path);
        byte[] bytes = result.output();
        if (bytes.length > count) {
            throw new ContentException(Reason.UNREADABLE, "libguestfs returned more bytes than asked for " + path);
        }
        System.arraycopy(bytes, 0, buffer, offset, bytes.length);
        return bytes.length;
    }

    @Override
    public ContentReader open(String path) throws IOException {
        if (virtualRoot(path)) {
            throw new ContentException(Reason.WRONG_TYPE, "/ is a folder");
        }
        GuestStat stat = lstat(path);
        if (stat.type() != EntryType.FILE) {
            throw new ContentException(Reason.WRONG_TYPE, path + " is not a file");
        }
        return new GuestfsReader(this, path, entry(path, stat, null));
    }

    private static void failOn(GuestfishSession.Result result, String path) throws IOException {
        if (!result.failed()) {
            return;
        }
        String error = result.errorText();
        if (error.contains("No such file or directory")) {
            throw new NoSuchFileException(path);
        }
        if (error.contains("Not a directory")) {
            throw new NotDirectoryException(path);
        }
        throw new ContentException(Reason.UNREADABLE, "libguestfs cannot read " + path + ": "
                + StructOutput.abbreviate(error));
    }

    @Override
    public boolean writable() {
        return false;
    }

    @Override
    public String note() {
        return note;
    }

    @Override
    public void close() {
        session.close();
    }

    /** The guestfish process's id (tests check it is gone after close). */
    long helperPid() {
        return session.pid();
    }

    private ContentEntry entry(String path, GuestStat stat, String linkTarget) {
        String name = path.equals("/") ? "" : path.substring(path.lastIndexOf('/') + 1);
        return new ContentEntry(name, path, stat.type(), stat.size(), stat.modified(), linkTarget,
                etag(path, stat.size(), stat.modified()));
    }

    /** The image's own modification time is part of it: any write to the disk changes every validator. */
    private String etag(String path, long size, Instant modified) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((image + "\n" + imageModified + "\n" + path + "\n" + size + "\n" + modified)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
