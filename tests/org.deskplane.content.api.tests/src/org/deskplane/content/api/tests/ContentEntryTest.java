package org.deskplane.content.api.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.EntryType;
import org.junit.jupiter.api.Test;

class ContentEntryTest {

    private static ContentEntry entry(EntryType type) {
        return new ContentEntry("x", "/x", type, 0, null, null, "\"etag\"");
    }

    @Test
    void onlyDirectoriesAreDirectories() {
        assertTrue(entry(EntryType.DIRECTORY).directory());
        assertFalse(entry(EntryType.FILE).directory());
        assertFalse(entry(EntryType.SYMLINK).directory());
        assertFalse(entry(EntryType.OTHER).directory());
    }
}
