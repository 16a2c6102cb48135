package org.deskplane.disk.iso9660.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.disk.api.DiskFormatException;

/**
 * Assembles a symbolic link target from Rock Ridge SL entries: each holds components (flags, length, bytes);
 * a component flagged CONTINUE goes on in the next one, ROOT stands for a leading "/", CURRENT for ".",
 * PARENT for "..". Components are joined with "/".
 */
final class SymlinkTarget {

    private static final int CONTINUE = 1;
    private static final int CURRENT = 2;
    private static final int PARENT = 4;
    private static final int ROOT = 8;

    private final String where;
    private final List<String> parts = new ArrayList<>();
    private ByteArrayOutputStream current;
    private boolean absolute;
    private int bytes;

    SymlinkTarget(String where) {
        this.where = where;
    }

    void add(byte[] entryData) throws DiskFormatException {
        int pos = 1; // after the SL entry's own flag byte
        while (pos + 2 <= entryData.length) {
            int flags = Bytes.u8(entryData, pos);
            int length = Bytes.u8(entryData, pos + 1);
            if (pos + 2 + length > entryData.length) {
                throw new DiskFormatException(where + ": Rock Ridge SL component overruns its entry");
            }
            bytes += length + 1;
            if (bytes > RockRidge.MAX_TEXT_BYTES) {
                throw new DiskFormatException(where + ": symbolic link target longer than " + RockRidge.MAX_TEXT_BYTES);
            }
            if ((flags & ROOT) != 0) {
                absolute = parts.isEmpty() && current == null;
            } else {
                current = current == null ? new ByteArrayOutputStream() : current;
                if ((flags & CURRENT) != 0) {
                    current.writeBytes(new byte[] { '.' });
                } else if ((flags & PARENT) != 0) {
                    current.writeBytes(new byte[] { '.', '.' });
                } else {
                    current.write(entryData, pos + 2, length);
                }
                if ((flags & CONTINUE) == 0) {
                    parts.add(current.toString(StandardCharsets.UTF_8));
                    current = null;
                }
            }
            pos += 2 + length;
        }
    }

    String target() {
        List<String> all = new ArrayList<>(parts);
        if (current != null) {
            all.add(current.toString(StandardCharsets.UTF_8));
        }
        return (absolute ? "/" : "") + String.join("/", all);
    }
}
