package org.deskplane.delivery.iso.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Where everything goes, in sectors, computed from the tree before a byte is written:
 * <pre>
 * 0-15 system area | 16 primary | 17 Joliet | 18 terminator | path tables (primary L, M, Joliet L, M)
 * | primary directories, each followed by its Rock Ridge continuation areas | Joliet directories | file data
 * </pre>
 * Continuation areas sit right after the directory that points at them because libarchive reads them only
 * there (as mkisofs and libisofs place them), and Linux needs each inside one sector.
 * Names are assigned here too. Directories are numbered breadth first (the path table order); file data
 * follows the same walk, so a tree always lays out the same way.
 */
final class ImageLayout {

    final String label;
    final IsoTime time;
    final boolean rockRidge;
    final Entry root;
    final List<Entry> primaryDirectories;
    final List<Entry> jolietDirectories;
    final List<Entry> files = new ArrayList<>();
    final DirectoryRecords primaryRecords;
    final DirectoryRecords jolietRecords;

    private final long[] pathTableSize = new long[2];
    private final int[] lPathTable = new int[2];
    private final int[] mPathTable = new int[2];
    /** Block and offset of the root's ER area. */
    final int[] rootContinuation = new int[2];
    final int dataStart;
    final int totalSectors;

    ImageLayout(String label, IsoTime time, boolean rockRidge, Entry root) {
        this.label = label;
        this.time = time;
        this.rockRidge = rockRidge;
        this.root = root;
        assignNames(root);
        primaryDirectories = breadthFirst(DirectoryTree.PRIMARY);
        jolietDirectories = breadthFirst(DirectoryTree.JOLIET);
        primaryRecords = new DirectoryRecords(DirectoryTree.PRIMARY, rockRidge, time);
        jolietRecords = new DirectoryRecords(DirectoryTree.JOLIET, false, time);

        long sector = IsoFormat.FIRST_DESCRIPTOR + IsoFormat.DESCRIPTORS;
        for (DirectoryTree tree : DirectoryTree.values()) {
            List<Entry> directories = directories(tree);
            int i = tree.ordinal();
            pathTableSize[i] = PathTable.size(tree, directories);
            lPathTable[i] = (int) sector;
            sector += IsoFormat.sectors(pathTableSize[i]);
            mPathTable[i] = (int) sector;
            sector += IsoFormat.sectors(pathTableSize[i]);
        }
        for (Entry directory : primaryDirectories) {
            directory.extent = (int) sector;
            directory.directorySectors = IsoFormat.sectors(primaryRecords.extentBytes(directory));
            sector += directory.directorySectors;
            directory.continuationSectors = rockRidge ? placeContinuations(directory, (int) sector) : 0;
            sector += directory.continuationSectors;
        }
        for (Entry directory : jolietDirectories) {
            directory.jolietExtent = (int) sector;
            directory.jolietDirectorySectors = IsoFormat.sectors(jolietRecords.extentBytes(directory));
            sector += directory.jolietDirectorySectors;
        }
        dataStart = (int) sector;
        for (Entry directory : primaryDirectories) {
            for (Entry child : directory.isoChildren) {
                if (!child.isDirectory()) {
                    files.add(child);
                    // empty files point at no data (extent 0), as mkisofs does
                    child.extent = child.content.size() == 0 ? 0 : (int) sector;
                    sector += child.sectors();
                }
            }
        }
        if (sector > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("image would be " + sector * IsoFormat.SECTOR
                    + " bytes, more than ISO 9660's 32-bit sector numbers reach");
        }
        totalSectors = (int) sector;
    }

    List<Entry> directories(DirectoryTree tree) {
        return tree == DirectoryTree.PRIMARY ? primaryDirectories : jolietDirectories;
    }

    long pathTableSize(DirectoryTree tree) {
        return pathTableSize[tree.ordinal()];
    }

    int lPathTable(DirectoryTree tree) {
        return lPathTable[tree.ordinal()];
    }

    int mPathTable(DirectoryTree tree) {
        return mPathTable[tree.ordinal()];
    }

    long imageBytes() {
        return (long) totalSectors * IsoFormat.SECTOR;
    }

    /**
     * The continuation areas of one directory's records (and the root's ER), packed from sector {@code first}
     * on, none crossing a sector (Linux refuses those). Returns the sectors used.
     */
    private int placeContinuations(Entry directory, int first) {
        long position = directory.isRoot() ? place(0, RockRidge.ER_LENGTH, first, rootContinuation) : 0;
        for (Entry child : directory.isoChildren) {
            int length = primaryRecords.continuationLength(child);
            child.continuationLength = length;
            if (length > 0) {
                int[] where = new int[2];
                position = place(position, length, first, where);
                child.continuationBlock = where[0];
                child.continuationOffset = where[1];
            }
        }
        return IsoFormat.sectors(position);
    }

    private static long place(long position, int length, int first, int[] where) {
        long room = IsoFormat.SECTOR - position % IsoFormat.SECTOR;
        long start = length > room ? position + room : position;
        where[0] = first + (int) (start / IsoFormat.SECTOR);
        where[1] = (int) (start % IsoFormat.SECTOR);
        return start + length;
    }

    /** Names for both trees and each directory's record order, siblings taken in UTF-8 order. */
    private static void assignNames(Entry root) {
        Deque<Entry> pending = new ArrayDeque<>();
        pending.add(root);
        while (!pending.isEmpty()) {
            Entry directory = pending.poll();
            List<Entry> sorted = directory.sortedChildren();
            IsoNames.assign(sorted);
            JolietNames.assign(sorted);
            directory.isoChildren = new ArrayList<>(sorted);
            directory.isoChildren.sort(IdentifierOrder.PRIMARY);
            directory.jolietChildren = new ArrayList<>(sorted);
            directory.jolietChildren.sort(IdentifierOrder.JOLIET);
            for (Entry child : sorted) {
                if (child.isDirectory()) {
                    pending.add(child);
                }
            }
        }
    }

    /** Breadth first, siblings in record order, numbered from 1: exactly the path table order. */
    private List<Entry> breadthFirst(DirectoryTree tree) {
        List<Entry> order = new ArrayList<>();
        order.add(root);
        for (int i = 0; i < order.size(); i++) {
            Entry directory = order.get(i);
            if (tree == DirectoryTree.PRIMARY) {
                directory.directoryNumber = i + 1;
            } else {
                directory.jolietDirectoryNumber = i + 1;
            }
            for (Entry child : tree.children(directory)) {
                if (child.isDirectory()) {
                    order.add(child);
                }
            }
        }
        return order;
    }
}
