package org.deskplane.disk.fat.internal;

import static org.deskplane.disk.fat.internal.LittleEndian.u16;
import static org.deskplane.disk.fat.internal.LittleEndian.u32;
import static org.deskplane.disk.fat.internal.LittleEndian.u8;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.disk.api.DiskFormatException;

/**
 * Turns 32-byte directory entries into {@link FatDirEntry}s, fed one chunk (a cluster or the fixed root) at a
 * time because long names may span chunks. Deleted entries, "." and "..", and volume labels are skipped (the
 * label is remembered). VFAT long-name entries are gathered in order and used only when their sequence is
 * complete and their checksum matches the short entry that follows; otherwise that entry keeps its short name.
 */
final class DirectoryParser {

    private static final int ENTRY = 32;
    private static final int LFN_CHARS = 13;
    private static final int MAX_LFN_ENTRIES = 20;
    private static final int[] LFN_OFFSETS = { 1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30 };

    private final boolean fat32;
    private final String owner;
    private final List<FatDirEntry> entries = new ArrayList<>();
    private final char[] longName = new char[MAX_LFN_ENTRIES * LFN_CHARS];
    private int longNameEntries;
    /** The sequence number the next long-name entry must have; 0 when none is being gathered. */
    private int expectedSequence;
    private int longNameChecksum;
    private String volumeLabel;
    private boolean ended;
    private long index;

    DirectoryParser(boolean fat32, String owner) {
        this.fat32 = fat32;
        this.owner = owner;
    }

    /** Parses {@code length} bytes (a multiple of 32) of directory; returns false once the end marker is seen. */
    boolean feed(byte[] b, int length) throws DiskFormatException {
        for (int at = 0; at + ENTRY <= length && !ended; at += ENTRY, index++) {
            entry(b, at);
        }
        return !ended;
    }

    List<FatDirEntry> entries() {
        return entries;
    }

    /** The volume label entry's text, or null when there was none. */
    String volumeLabel() {
        return volumeLabel;
    }

    private void entry(byte[] b, int at) throws DiskFormatException {
        int first = u8(b, at);
        if (first == 0x00) {
            ended = true;
            return;
        }
        if (first == 0xE5) {
            forgetLongName();
            return;
        }
        int attributes = u8(b, at + 11);
        if ((attributes & 0x3F) == 0x0F) {
            longNamePart(b, at);
            return;
        }
        if ((attributes & FatDirEntry.VOLUME_LABEL) != 0) {
            if (volumeLabel == null && (attributes & FatDirEntry.DIRECTORY) == 0) {
                volumeLabel = ShortName.decodeOem(b, at, 11).stripTrailing();
            }
            forgetLongName();
            return;
        }
        if (first == '.' && (u8(b, at + 1) == ' ' || u8(b, at + 1) == '.' && u8(b, at + 2) == ' ')) {
            forgetLongName();
            return; // "." and ".."
        }
        String shortName = ShortName.decode(b, at);
        if (shortName == null) {
            throw new DiskFormatException(owner + ": entry " + index + " has no valid 8.3 name");
        }
        String name = takeLongName(ShortName.checksum(b, at));
        long cluster = u16(b, at + 26) | (fat32 ? (long) u16(b, at + 20) << 16 : 0);
        entries.add(new FatDirEntry(name != null ? name : shortName, shortName, attributes, cluster,
                u32(b, at + 28), FatTimes.dateTime(u16(b, at + 24), u16(b, at + 22), 0),
                FatTimes.date(u16(b, at + 18)), FatTimes.dateTime(u16(b, at + 16), u16(b, at + 14), u8(b, at + 13))));
    }

    private void longNamePart(byte[] b, int at) {
        int sequenceByte = u8(b, at);
        int sequence = sequenceByte & 0x1F;
        int checksum = u8(b, at + 13);
        if ((sequenceByte & 0x40) != 0) {
            // the last part comes first: start over
            if (sequence == 0 || sequence > MAX_LFN_ENTRIES) {
                forgetLongName();
                return;
            }
            longNameEntries = sequence;
            expectedSequence = sequence;
            longNameChecksum = checksum;
        }
        if (expectedSequence == 0 || sequence != expectedSequence || checksum != longNameChecksum
                || u8(b, at + 12) != 0 || u16(b, at + 26) != 0) {
            forgetLongName(); // an orphan or out-of-order part
            return;
        }
        int base = (sequence - 1) * LFN_CHARS;
        for (int i = 0; i < LFN_CHARS; i++) {
            longName[base + i] = (char) u16(b, at + LFN_OFFSETS[i]);
        }
        expectedSequence--;
        if (expectedSequence == 0) {
            expectedSequence = -1; // complete: only a short entry may follow
        }
    }

    /** The gathered long name if it is complete, belongs to the short entry with {@code checksum}, and is usable. */
    private String takeLongName(int checksum) {
        boolean complete = expectedSequence == -1 && checksum == longNameChecksum;
        int count = longNameEntries;
        forgetLongName();
        if (!complete) {
            return null;
        }
        int length = 0;
        while (length < count * LFN_CHARS && longName[length] != 0) {
            length++;
        }
        String name = new String(longName, 0, length);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == '/' || c == '\\' || c == 0xFFFF) {
                return null;
            }
        }
        return name;
    }

    private void forgetLongName() {
        expectedSequence = 0;
        longNameEntries = 0;
    }
}
