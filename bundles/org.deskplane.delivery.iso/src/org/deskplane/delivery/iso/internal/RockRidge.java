package org.deskplane.delivery.iso.internal;

import java.nio.charset.StandardCharsets;

/**
 * SUSP and Rock Ridge (RRIP 1.10, "RRIP_1991A") entries of the primary tree's directory records. Linux
 * prefers Rock Ridge over Joliet only when it finds the ER entry, so the root's "." record carries SP and,
 * in a continuation area, ER. Names that do not fit the 255-byte record go to a continuation area too.
 */
final class RockRidge {

    static final int SP_LENGTH = 7;
    static final int PX_LENGTH = 36;
    static final int TF_LENGTH = 5 + 3 * 7;
    static final int CE_LENGTH = 28;
    static final int NM_HEADER = 5;
    /** An entry's length is one byte: 250 name bytes per NM, further ones flagged CONTINUE. */
    static final int NM_MAX_CHUNK = 250;

    private static final byte[] ER_ID = ascii("RRIP_1991A");
    private static final byte[] ER_DESCRIPTOR = ascii(
            "THE ROCK RIDGE INTERCHANGE PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS");
    private static final byte[] ER_SOURCE = ascii("PLEASE CONTACT DISC PUBLISHER FOR SPECIFICATION SOURCE.  "
            + "SEE PUBLISHER IDENTIFIER IN PRIMARY VOLUME DESCRIPTOR FOR CONTACT INFORMATION.");
    static final int ER_LENGTH = 8 + ER_ID.length + ER_DESCRIPTOR.length + ER_SOURCE.length;

    static final int MODE_DIRECTORY = 0040555;
    static final int MODE_FILE = 0100444;
    static final int MODE_EXECUTABLE = 0100555;

    private RockRidge() {
    }

    /** SUSP "SP": marks the image as using SUSP, no bytes skipped. First entry of the root's "." record. */
    static void sp(ByteSink out) {
        header(out, "SP", SP_LENGTH).u8(0xBE).u8(0xEF).u8(0);
    }

    static void er(ByteSink out) {
        header(out, "ER", ER_LENGTH).u8(ER_ID.length).u8(ER_DESCRIPTOR.length).u8(ER_SOURCE.length).u8(1)
                .bytes(ER_ID).bytes(ER_DESCRIPTOR).bytes(ER_SOURCE);
    }

    /** POSIX mode, link count (2 + subdirectories for a directory, which find(1) relies on), uid/gid 0. */
    static void px(ByteSink out, Entry entry) {
        int mode = entry.isDirectory() ? MODE_DIRECTORY
                : entry.content.executable() ? MODE_EXECUTABLE : MODE_FILE;
        int links = entry.isDirectory() ? 2 + entry.subdirectoryCount() : 1;
        header(out, "PX", PX_LENGTH).both32(mode).both32(links).both32(0).both32(0);
    }

    /** Modification, access and attribute-change times, all the image's timestamp. */
    static void tf(ByteSink out, IsoTime time) {
        header(out, "TF", TF_LENGTH).u8(0x0E);
        time.recordDate(out);
        time.recordDate(out);
        time.recordDate(out);
    }

    static void ce(ByteSink out, int block, int offset, int length) {
        header(out, "CE", CE_LENGTH).both32(block).both32(offset).both32(length);
    }

    /** The full name in as many NM entries as it takes. */
    static void nm(ByteSink out, byte[] name) {
        int offset = 0;
        do {
            int chunk = Math.min(NM_MAX_CHUNK, name.length - offset);
            boolean more = offset + chunk < name.length;
            header(out, "NM", NM_HEADER + chunk).u8(more ? 1 : 0);
            out.bytes(java.util.Arrays.copyOfRange(name, offset, offset + chunk));
            offset += chunk;
        } while (offset < name.length);
    }

    static int nmLength(byte[] name) {
        int entries = Math.max(1, (name.length + NM_MAX_CHUNK - 1) / NM_MAX_CHUNK);
        return entries * NM_HEADER + name.length;
    }

    private static ByteSink header(ByteSink out, String signature, int length) {
        return out.u8(signature.charAt(0)).u8(signature.charAt(1)).u8(length).u8(1);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
