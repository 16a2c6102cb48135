package org.deskplane.disk.iso9660.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.deskplane.disk.api.DiskFormatException;

/**
 * What the Rock Ridge entries of one directory record say: NM (name), PX (POSIX mode), TF (times), SL
 * (symbolic link target), CL (a relocated directory's real place), RE (this is the relocated copy, hide it).
 * Fields are null where the record has no such entry.
 */
record RockRidge(String name, Long mode, Instant modified, Instant accessed, Instant created, String linkTarget,
        Long childLinkBlock, boolean relocated) {

    static final RockRidge NONE = new RockRidge(null, null, null, null, null, null, null, false);

    /** A name or link target longer than this is corrupt (Linux allows 255-byte names, 4096-byte targets). */
    static final int MAX_TEXT_BYTES = 4096;

    static final long S_IFMT = 0170000;
    static final long S_IFDIR = 0040000;
    static final long S_IFREG = 0100000;
    static final long S_IFLNK = 0120000;

    private static final int NM_CONTINUE = 1;
    private static final int TF_LONG_FORM = 0x80;

    static RockRidge of(List<SuspEntry> entries, String where) throws DiskFormatException {
        java.io.ByteArrayOutputStream name = null;
        Long mode = null;
        Instant[] times = new Instant[7];
        SymlinkTarget link = null;
        Long childLink = null;
        boolean relocated = false;
        for (SuspEntry entry : entries) {
            byte[] d = entry.data();
            switch (entry.signature()) {
            case "NM" -> {
                if (d.length >= 1 && (d[0] & 0x06) == 0) { // not the "." / ".." alternate names
                    name = name == null ? new java.io.ByteArrayOutputStream() : name;
                    name.write(d, 1, d.length - 1);
                    if (name.size() > MAX_TEXT_BYTES) {
                        throw new DiskFormatException(where + ": Rock Ridge name longer than " + MAX_TEXT_BYTES);
                    }
                }
            }
            case "PX" -> {
                if (d.length >= 4) {
                    mode = Bytes.le32(d, 0);
                }
            }
            case "TF" -> readTimes(d, times, where);
            case "SL" -> {
                link = link == null ? new SymlinkTarget(where) : link;
                link.add(d);
            }
            case "CL" -> {
                if (d.length >= 4) {
                    childLink = Bytes.le32(d, 0);
                }
            }
            case "RE" -> relocated = true;
            default -> {
                // SP, ER, RR, PN, ZF, AA…: nothing a read-only listing needs
            }
            }
        }
        String decodedName = name == null ? null : new String(name.toByteArray(), StandardCharsets.UTF_8);
        return new RockRidge(decodedName, mode, times[1], times[2], times[0], link == null ? null : link.target(),
                childLink, relocated);
    }

    /** TF: a flag byte, then the times whose flag bits are set, in bit order, 7 or 17 bytes each. */
    private static void readTimes(byte[] d, Instant[] times, String where) throws DiskFormatException {
        if (d.length < 1) {
            return;
        }
        int flags = Bytes.u8(d, 0);
        int size = (flags & TF_LONG_FORM) != 0 ? IsoTimestamps.LONG_FORM : IsoTimestamps.SHORT_FORM;
        int pos = 1;
        for (int bit = 0; bit < 7; bit++) {
            if ((flags & (1 << bit)) == 0) {
                continue;
            }
            if (pos + size > d.length) {
                throw new DiskFormatException(where + ": Rock Ridge TF entry is shorter than its flags say");
            }
            times[bit] = size == IsoTimestamps.LONG_FORM ? IsoTimestamps.longForm(d, pos)
                    : IsoTimestamps.shortForm(d, pos);
            pos += size;
        }
    }

    boolean isDirectory() {
        return mode != null && (mode & S_IFMT) == S_IFDIR;
    }
}
