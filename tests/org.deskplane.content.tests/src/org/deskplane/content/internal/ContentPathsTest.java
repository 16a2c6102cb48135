package org.deskplane.content.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deskplane.content.api.ContentException;
import org.junit.jupiter.api.Test;

class ContentPathsTest {

    @Test
    void normalisesSlashes() throws Exception {
        assertEquals("/", ContentPaths.normalise(null));
        assertEquals("/", ContentPaths.normalise(""));
        assertEquals("/", ContentPaths.normalise("//"));
        assertEquals("/a/b", ContentPaths.normalise("a//b/"));
        assertEquals("/Ünï/日本", ContentPaths.normalise("/Ünï/日本"));
    }

    @Test
    void refusesTraversalAndOddSegments() {
        for (String bad : new String[] { "/a/../b", "..", "/./a", "/a\0b", "/a\\..\\b" }) {
            ContentException e = assertThrows(ContentException.class, () -> ContentPaths.normalise(bad), bad);
            assertEquals(ContentException.Reason.INVALID, e.reason());
        }
        assertThrows(ContentException.class, () -> ContentPaths.normalise("/a".repeat(300)));
        assertThrows(ContentException.class, () -> ContentPaths.normalise("/" + "x".repeat(5000)));
    }

    @Test
    void withinIsBySegment() {
        assertTrue(ContentPaths.within("/home/a", "/home"));
        assertTrue(ContentPaths.within("/home", "/home"));
        assertFalse(ContentPaths.within("/homework", "/home"));
        assertTrue(ContentPaths.within("/anything", "/"));
    }
}
