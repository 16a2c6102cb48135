package org.deskplane.disk.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.deskplane.disk.api.FileEntry;
import org.deskplane.disk.api.FileFlag;
import org.deskplane.disk.api.FileType;
import org.junit.jupiter.api.Test;

class FileEntryTest {

    private static FileEntry entry(FileType type, Set<FileFlag> flags) {
        return new FileEntry("a.txt", "/dir/a.txt", type, 12, null, null, null, null, flags);
    }

    @Test
    void flagsAreCopiedSoTheCallersSetCannotChangeTheEntry() {
        EnumSet<FileFlag> flags = EnumSet.of(FileFlag.SPARSE);
        FileEntry entry = entry(FileType.FILE, flags);
        flags.add(FileFlag.HIDDEN);
        assertEquals(Set.of(FileFlag.SPARSE), entry.flags());
    }

    @Test
    void flagsCannotBeChangedThroughTheEntry() {
        FileEntry entry = entry(FileType.FILE, EnumSet.of(FileFlag.READ_ONLY));
        assertThrows(UnsupportedOperationException.class, () -> entry.flags().add(FileFlag.HIDDEN));
        assertThrows(UnsupportedOperationException.class, () -> entry.flags().clear());
    }

    @Test
    void nullFlagsAreRefused() {
        assertThrows(NullPointerException.class, () -> entry(FileType.FILE, null));
    }

    @Test
    void typeTellsFileFromDirectory() {
        FileEntry file = entry(FileType.FILE, Set.of());
        assertTrue(file.isFile());
        assertFalse(file.isDirectory());
        FileEntry directory = entry(FileType.DIRECTORY, Set.of());
        assertTrue(directory.isDirectory());
        assertFalse(directory.isFile());
        FileEntry link = entry(FileType.SYMLINK, Set.of());
        assertFalse(link.isDirectory());
        assertFalse(link.isFile());
    }
}
