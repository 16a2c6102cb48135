package org.deskplane.delivery.iso.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One file or directory of the image, with the places the layout gives it. Children are looked up by name
 * while adding, and listed in name-byte order for the layout (never in hash order: images must be reproducible).
 */
final class Entry {

    final String name;
    final byte[] utf8;
    final Entry parent;
    final FileContent content;
    private final Map<String, Entry> children;

    // set by the layout
    byte[] isoId;
    byte[] jolietId;
    List<Entry> isoChildren;
    List<Entry> jolietChildren;
    int extent;
    int directorySectors;
    int jolietExtent;
    int jolietDirectorySectors;
    int directoryNumber;
    int jolietDirectoryNumber;
    /** Sectors of Rock Ridge continuation areas right after this directory's primary extent. */
    int continuationSectors;
    int continuationBlock = -1;
    int continuationOffset;
    int continuationLength;

    private Entry(String name, byte[] utf8, Entry parent, FileContent content) {
        this.name = name;
        this.utf8 = utf8;
        this.parent = parent;
        this.content = content;
        this.children = content == null ? new HashMap<>() : null;
    }

    static Entry root() {
        return new Entry("", new byte[0], null, null);
    }

    static Entry directory(String name, byte[] utf8, Entry parent) {
        return new Entry(name, utf8, parent, null);
    }

    static Entry file(String name, byte[] utf8, Entry parent, FileContent content) {
        return new Entry(name, utf8, parent, content);
    }

    boolean isDirectory() {
        return content == null;
    }

    boolean isRoot() {
        return parent == null;
    }

    Entry child(String childName) {
        return children.get(childName);
    }

    void put(Entry child) {
        children.put(child.name, child);
    }

    void remove(Entry child) {
        children.remove(child.name, child);
    }

    /** Children sorted by their UTF-8 name bytes (unsigned), the order every later step starts from. */
    List<Entry> sortedChildren() {
        List<Entry> sorted = new ArrayList<>(children.values());
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.utf8, b.utf8));
        return sorted;
    }

    int subdirectoryCount() {
        int count = 0;
        for (Entry child : children.values()) {
            if (child.isDirectory()) {
                count++;
            }
        }
        return count;
    }

    /** "a/b/c" for messages. */
    String path() {
        if (isRoot()) {
            return "/";
        }
        return parent.isRoot() ? name : parent.path() + "/" + name;
    }

    long sectors() {
        return (content.size() + IsoFormat.SECTOR - 1) / IsoFormat.SECTOR;
    }
}
