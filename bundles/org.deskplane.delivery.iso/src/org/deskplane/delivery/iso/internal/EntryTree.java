package org.deskplane.delivery.iso.internal;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.delivery.iso.IsoImageBuilder;

/** The image's tree as it is being added to: conflicts, duplicates and the entry bound are checked here. */
final class EntryTree {

    /** ISO 9660 path tables number directories in 16 bits, and each record names its parent's number. */
    static final int MAX_DIRECTORIES = 65_535;

    final Entry root = Entry.root();
    private int entries;
    private int directories = 1;
    private int maxEntries = IsoImageBuilder.DEFAULT_MAX_ENTRIES;
    /** Entries made by the running {@link #atomically} call, removed again when it fails. */
    private List<Entry> created;

    /** Runs {@code change} so that it adds everything or nothing: a failure half way leaves the tree as it was. */
    <E extends Exception> void atomically(Change<E> change) throws E {
        created = new ArrayList<>();
        try {
            change.run();
        } catch (RuntimeException | Error e) {
            undo();
            throw e;
        } catch (Exception e) {
            undo();
            throw e;
        } finally {
            created = null;
        }
    }

    private void undo() {
        for (int i = created.size() - 1; i >= 0; i--) {
            Entry entry = created.get(i);
            entry.parent.remove(entry);
            entries--;
            if (entry.isDirectory()) {
                directories--;
            }
        }
    }

    /** A change to the tree that may throw {@code E}. */
    interface Change<E extends Exception> {
        void run() throws E;
    }

    void maxEntries(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, got " + max);
        }
        maxEntries = max;
    }

    int entries() {
        return entries;
    }

    /** The directory at {@code segments}, created with its parents where missing. */
    Entry directory(List<String> segments, String path) {
        Entry current = root;
        for (String segment : segments) {
            Entry next = current.child(segment);
            if (next == null) {
                count(path, true);
                next = Entry.directory(segment, ImagePath.checkName(segment, path), current);
                current.put(next);
                created(next);
            } else if (!next.isDirectory()) {
                throw new IllegalArgumentException("cannot add \"" + ImagePath.abbreviate(path) + "\": \""
                        + next.path() + "\" is a file, not a directory");
            }
            current = next;
        }
        return current;
    }

    void addFile(List<String> segments, String path, FileContent content) {
        if (content.size() > IsoImageBuilder.MAX_FILE_SIZE) {
            throw new IllegalArgumentException("file \"" + ImagePath.abbreviate(path) + "\" is " + content.size()
                    + " bytes; ISO 9660 files are at most 4 GiB - 1 (" + IsoImageBuilder.MAX_FILE_SIZE
                    + " bytes) in one extent, and this builder does not write multi-extent files");
        }
        Entry parent = directory(segments.subList(0, segments.size() - 1), path);
        String name = segments.get(segments.size() - 1);
        if (parent.child(name) != null) {
            throw new IllegalArgumentException("\"" + ImagePath.abbreviate(path) + "\" is already in the image");
        }
        count(path, false);
        Entry file = Entry.file(name, ImagePath.checkName(name, path), parent, content);
        parent.put(file);
        created(file);
    }

    private void created(Entry entry) {
        if (created != null) {
            created.add(entry);
        }
    }

    private void count(String path, boolean directory) {
        if (entries >= maxEntries) {
            throw new IllegalArgumentException("too many entries: the image is limited to " + maxEntries
                    + " files and directories (adding \"" + ImagePath.abbreviate(path) + "\")");
        }
        if (directory && directories >= MAX_DIRECTORIES) {
            throw new IllegalArgumentException("too many directories: ISO 9660 path tables hold at most "
                    + MAX_DIRECTORIES + " (adding \"" + ImagePath.abbreviate(path) + "\")");
        }
        entries++;
        if (directory) {
            directories++;
        }
    }
}
