package org.deskplane.delivery.iso.internal;

import java.nio.charset.StandardCharsets;

/** The primary volume descriptor, the Joliet supplementary one and the set terminator (ECMA-119 8). */
final class VolumeDescriptors {

    private static final String APPLICATION = "DESKPLANE ISO IMAGE BUILDER";
    /** Joliet level 3 (UCS-2, all characters): escape sequence "%/E". */
    private static final byte[] JOLIET_ESCAPE = {0x25, 0x2F, 0x45};

    private VolumeDescriptors() {
    }

    static void write(ByteSink out, ImageLayout layout) {
        descriptor(out, layout, DirectoryTree.PRIMARY);
        descriptor(out, layout, DirectoryTree.JOLIET);
        out.u8(255).bytes(ascii("CD001")).u8(1).padTo(IsoFormat.SECTOR);
    }

    private static void descriptor(ByteSink out, ImageLayout layout, DirectoryTree tree) {
        boolean joliet = tree == DirectoryTree.JOLIET;
        int start = out.size();
        out.u8(joliet ? 2 : 1).bytes(ascii("CD001")).u8(1).u8(0);
        text(out, "", 32, joliet); // system identifier
        text(out, layout.label, 32, joliet);
        out.zeros(8).both32(layout.totalSectors);
        if (joliet) {
            out.bytes(JOLIET_ESCAPE).zeros(32 - JOLIET_ESCAPE.length);
        } else {
            out.zeros(32);
        }
        out.both16(1).both16(1).both16(IsoFormat.SECTOR);
        out.both32(layout.pathTableSize(tree));
        out.le32(layout.lPathTable(tree)).le32(0).be32(layout.mPathTable(tree)).be32(0);
        new DirectoryRecords(tree, false, layout.time).rootRecord(out, layout.root);
        text(out, "", 128, joliet); // volume set
        text(out, "", 128, joliet); // publisher
        text(out, "DESKPLANE", 128, joliet); // data preparer
        text(out, APPLICATION, 128, joliet);
        text(out, "", 37, joliet); // copyright file
        text(out, "", 37, joliet); // abstract file
        text(out, "", 37, joliet); // bibliographic file
        layout.time.volumeDate(out); // creation
        layout.time.volumeDate(out); // modification
        IsoTime.unspecifiedVolumeDate(out); // expiration
        IsoTime.unspecifiedVolumeDate(out); // effective
        out.u8(1).u8(0);
        out.zeros(IsoFormat.SECTOR - (out.size() - start));
    }

    /** A space-padded text field: ASCII in the primary descriptor, UCS-2 big endian in Joliet's. */
    private static void text(ByteSink out, String value, int bytes, boolean joliet) {
        if (joliet) {
            byte[] encoded = value.getBytes(StandardCharsets.UTF_16BE);
            out.bytes(encoded);
            for (int i = encoded.length; i + 1 < bytes; i += 2) {
                out.u8(0).u8(0x20);
            }
            if (bytes % 2 == 1) {
                out.u8(0); // odd-sized fields (37 bytes) end with a zero byte
            }
        } else {
            byte[] encoded = ascii(value);
            out.bytes(encoded);
            for (int i = encoded.length; i < bytes; i++) {
                out.u8(' ');
            }
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
