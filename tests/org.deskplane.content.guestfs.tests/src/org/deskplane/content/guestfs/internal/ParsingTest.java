package org.deskplane.content.guestfs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.deskplane.content.api.ContentException;
import org.junit.jupiter.api.Test;

/** What guestfish prints is parsed strictly and within bounds; arguments are quoted so nothing escapes. */
class ParsingTest {

    @Test
    void structListsAreParsedAndBounded() throws Exception {
        String two = "[0] = {\n  ino: 1\n  ftyp: d\n  name: .\n}\n[1] = {\n  ino: 2\n  ftyp: r\n  name: a: b\n}\n";
        List<Map<String, String>> structs = StructOutput.list(two, 10, "test");
        assertEquals(2, structs.size());
        assertEquals("a: b", structs.get(1).get("name"));
        assertEquals(ContentException.Reason.UNREADABLE,
                assertThrows(ContentException.class, () -> StructOutput.list(two, 1, "test")).reason());
        assertThrows(ContentException.class, () -> StructOutput.list("[0] = {\n  ino: 1\n", 10, "test"));
        assertThrows(ContentException.class, () -> StructOutput.list("garbage\n", 10, "test"));
        assertThrows(ContentException.class, () -> GuestStat.of(Map.of("st_mode", "x"), "/f"));
    }

    @Test
    void quotingKeepsOneArgumentOnOneLine() {
        String quoted = GuestfishSession.quote("a\"b\\c\nd");
        assertEquals("\"a\\x22b\\x5cc\\x0ad\"", quoted);
        assertFalse(quoted.substring(1, quoted.length() - 1).contains("\""));
    }

    @Test
    void volumeNamesAreSingleSegments() {
        assertEquals("disk", GuestMounter.volumeName("/dev/sda"));
        assertEquals("part2", GuestMounter.volumeName("/dev/sda2"));
        assertEquals("vg-root", GuestMounter.volumeName("/dev/vg/root"));
    }
}
