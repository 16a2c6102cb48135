package org.deskplane.delivery.iso.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

import org.deskplane.delivery.iso.IsoProgress;

/**
 * Writes a laid-out image front to back in one pass. Metadata is encoded one directory at a time and file
 * data streamed, so memory stays bounded by the largest directory, not the image.
 */
final class ImageWriter {

    private final ImageLayout layout;

    ImageWriter(ImageLayout layout) {
        this.layout = layout;
    }

    void write(WritableByteChannel channel, IsoProgress progress) throws IOException {
        ImageOutput out = new ImageOutput(channel, progress, layout.imageBytes());
        out.zeros(IsoFormat.FIRST_DESCRIPTOR * IsoFormat.SECTOR);
        ByteSink descriptors = new ByteSink(IsoFormat.DESCRIPTORS * IsoFormat.SECTOR);
        VolumeDescriptors.write(descriptors, layout);
        out.write(descriptors.buffer());
        for (DirectoryTree tree : DirectoryTree.values()) {
            expect(out, layout.lPathTable(tree), "path table");
            for (boolean bigEndian : new boolean[] {false, true}) {
                ByteSink table = new ByteSink((int) layout.pathTableSize(tree) + IsoFormat.SECTOR);
                PathTable.write(table, tree, layout.directories(tree), bigEndian);
                out.write(table.buffer());
            }
        }
        for (DirectoryTree tree : DirectoryTree.values()) {
            DirectoryRecords records = tree == DirectoryTree.PRIMARY ? layout.primaryRecords : layout.jolietRecords;
            for (Entry directory : layout.directories(tree)) {
                expect(out, tree.extent(directory), "directory " + directory.path());
                ByteSink extent = new ByteSink(IsoFormat.SECTOR);
                records.writeExtent(extent, directory, layout.rootContinuation);
                out.write(extent.buffer());
                if (tree == DirectoryTree.PRIMARY && directory.continuationSectors > 0) {
                    writeContinuations(out, directory);
                }
            }
        }
        expect(out, layout.dataStart, "file data");
        for (Entry file : layout.files) {
            if (file.content.size() == 0) {
                continue;
            }
            expect(out, file.extent, "file " + file.path());
            switch (file.content) {
                case FileContent.SourceFile source -> out.copy(source.path(), source.size());
                case FileContent.Bytes bytes -> out.write(ByteBuffer.wrap(bytes.bytes()));
            }
            int rest = (int) (file.content.size() % IsoFormat.SECTOR);
            if (rest != 0) {
                out.zeros(IsoFormat.SECTOR - rest);
            }
        }
        expect(out, layout.totalSectors, "end of image");
        out.finish();
    }

    /** The root's ER first, then each long name's NM entries, where the layout placed them. */
    private void writeContinuations(ImageOutput out, Entry directory) throws IOException {
        ByteSink areas = new ByteSink(directory.continuationSectors * IsoFormat.SECTOR);
        int first = directory.extent + directory.directorySectors;
        if (directory.isRoot()) {
            RockRidge.er(areas);
        }
        for (Entry child : directory.isoChildren) {
            if (child.continuationLength > 0) {
                long at = (long) (child.continuationBlock - first) * IsoFormat.SECTOR + child.continuationOffset;
                areas.zeros((int) (at - areas.size()));
                RockRidge.nm(areas, child.utf8);
            }
        }
        areas.zeros(directory.continuationSectors * IsoFormat.SECTOR - areas.size());
        out.write(areas.buffer());
    }

    /** A layout and writer that disagree would make a broken image: stop rather than write it. */
    private static void expect(ImageOutput out, long sector, String what) {
        if (out.written() != sector * IsoFormat.SECTOR) {
            throw new IllegalStateException("internal layout error: " + what + " expected at sector " + sector
                    + ", writer is at byte " + out.written());
        }
    }
}
