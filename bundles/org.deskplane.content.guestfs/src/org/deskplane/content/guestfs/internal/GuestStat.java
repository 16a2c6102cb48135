package org.deskplane.content.guestfs.internal;

import java.time.Instant;
import java.util.Map;

import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.EntryType;

/** The part of a guest file's {@code lstatns} that the content API shows. */
record GuestStat(EntryType type, long size, Instant modified) {

    private static final int S_IFMT = 0170000;

    static GuestStat of(Map<String, String> fields, String path) throws ContentException {
        String what = "the status of " + path;
        long mode = StructOutput.number(fields, "st_mode", what);
        long size = StructOutput.number(fields, "st_size", what);
        long seconds = StructOutput.number(fields, "st_mtime_sec", what);
        long nanos = StructOutput.number(fields, "st_mtime_nsec", what);
        EntryType type = switch ((int) (mode & S_IFMT)) {
            case 0040000 -> EntryType.DIRECTORY;
            case 0100000 -> EntryType.FILE;
            case 0120000 -> EntryType.SYMLINK;
            default -> EntryType.OTHER;
        };
        if (size < 0 || nanos < 0 || nanos > 999_999_999) {
            throw new ContentException(ContentException.Reason.UNREADABLE, "implausible " + what);
        }
        Instant modified;
        try {
            modified = Instant.ofEpochSecond(seconds, nanos);
        } catch (java.time.DateTimeException e) {
            modified = null;
        }
        return new GuestStat(type, type == EntryType.DIRECTORY ? 0 : size, modified);
    }
}
