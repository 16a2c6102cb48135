package org.deskplane.content.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentLocation;
import org.junit.jupiter.api.Test;

class ContentLocationTest {

    @Test
    void requireReturnsAPresentAttribute() throws ContentException {
        ContentLocation location = new ContentLocation("vm:desk-1", "disk", Map.of("image", "/images/a.qcow2"));
        assertEquals("/images/a.qcow2", location.require("image"));
    }

    @Test
    void aMissingAttributeIsUnavailableAndNamed() {
        ContentLocation location = new ContentLocation("vm:desk-1", "disk", Map.of("image", "/images/a.qcow2"));
        ContentException e = assertThrows(ContentException.class, () -> location.require("format"));
        assertEquals(ContentException.Reason.UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("'format'"), e.getMessage());
        assertTrue(e.getMessage().contains("vm:desk-1"), e.getMessage());
        assertTrue(e.getMessage().contains("disk"), e.getMessage());
    }

    @Test
    void aBlankAttributeCountsAsMissing() {
        ContentLocation location = new ContentLocation("share:projects", "share", Map.of("root", "  \t"));
        ContentException e = assertThrows(ContentException.class, () -> location.require("root"));
        assertEquals(ContentException.Reason.UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("'root'"), e.getMessage());

        ContentLocation empty = new ContentLocation("share:projects", "share", Map.of("root", ""));
        assertEquals(ContentException.Reason.UNAVAILABLE,
                assertThrows(ContentException.class, () -> empty.require("root")).reason());
    }

    @Test
    void attributesAreCopiedAndImmutable() throws ContentException {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("uuid", "1234");
        ContentLocation location = new ContentLocation("vm:desk-1", "agent", attributes);

        attributes.put("uuid", "changed");
        attributes.put("connection", "added later");
        assertEquals("1234", location.require("uuid"));
        assertEquals(Map.of("uuid", "1234"), location.attributes());

        assertThrows(UnsupportedOperationException.class, () -> location.attributes().put("connection", "x"));
    }
}
