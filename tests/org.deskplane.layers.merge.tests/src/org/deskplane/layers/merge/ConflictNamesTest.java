package org.deskplane.layers.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ConflictNamesTest {

    private static final Instant T = Instant.parse("2026-11-22T14:30:05Z");
    private final ConflictNames names = new ConflictNames();

    @Test
    void keepsTheExtensionAndNamesEndpointAndUtcTime() {
        assertEquals("docs/report (conflict from laptop 2026-11-22 143005).txt", names.name("docs/report.txt", "laptop", T));
    }

    @Test
    void isDeterministic() {
        assertEquals(names.name("a.txt", "pc", T), new ConflictNames().name("a.txt", "pc", T));
    }

    @Test
    void hiddenFilesAndNamesWithoutExtension() {
        assertEquals(".bashrc (conflict from pc 2026-11-22 143005)", names.name(".bashrc", "pc", T));
        assertEquals("Makefile (conflict from pc 2026-11-22 143005)", names.name("Makefile", "pc", T));
        assertEquals("x/backup (conflict from pc 2026-11-22 143005).tar.gz", names.name("x/backup.tar.gz", "pc", T));
    }

    @Test
    void endpointNameCannotInjectPathsOrBreakTheTag() {
        String n = names.name("a.txt", "../evil/(x)", T);
        assertEquals("a (conflict from .._evil__x_ 2026-11-22 143005).txt", n);
        assertFalse(n.contains("/"));
        assertEquals("a (conflict from unknown 2026-11-22 143005).txt", names.name("a.txt", "  ", T));
    }

    @Test
    void longNamesStayWithinTheFileSystemLimitAndKeepTag() {
        String longStem = "é".repeat(200);
        String n = names.name("d/" + longStem + ".odt", "pc", T);
        String file = n.substring(2);
        assertTrue(file.getBytes(StandardCharsets.UTF_8).length <= 255, file);
        assertTrue(file.endsWith(" (conflict from pc 2026-11-22 143005).odt"), file);
        assertTrue(names.isConflictCopyOf(n, "d/" + longStem + ".odt"));
    }

    @Test
    void sameSecondClashGetsACounter() {
        String first = names.name("a.txt", "pc", T);
        ConflictPlacement p = names.place("a.txt", "pc", T, List.of("a.txt", first));
        assertEquals("a (conflict from pc 2026-11-22 143005 2).txt", p.copyPath());
        assertFalse(p.capReached());
    }

    @Test
    void recognisesOnlyItsOwnCopiesOfThatFile() {
        assertTrue(names.isConflictCopyOf("d/a (conflict from pc 2026-11-22 143005).txt", "d/a.txt"));
        assertFalse(names.isConflictCopyOf("a (conflict from pc 2026-11-22 143005).txt", "d/a.txt"));
        assertFalse(names.isConflictCopyOf("d/ab (conflict from pc 2026-11-22 143005).txt", "d/a.txt"));
        assertFalse(names.isConflictCopyOf("d/a (conflict from pc 2026-11-22 143005).doc", "d/a.txt"));
        assertFalse(names.isConflictCopyOf("d/a (conflict from pc yesterday).txt", "d/a.txt"));
    }

    @Test
    void capEvictsTheOldestCopies() {
        List<String> existing = new ArrayList<>(List.of("d/a.txt", "d/other.txt"));
        for (int i = 0; i < 5; i++) {
            existing.add(names.name("d/a.txt", "pc" + i, T.plusSeconds(60L * i)));
        }
        ConflictPlacement p = names.place("d/a.txt", "tablet", T.plusSeconds(3600), existing);
        assertTrue(p.capReached());
        assertEquals(List.of(names.name("d/a.txt", "pc0", T)), p.evicted());
        assertEquals("d/a (conflict from tablet 2026-11-22 153005).txt", p.copyPath());
    }

    @Test
    void capOfOneReplacesTheSingleCopy() {
        ConflictNames one = new ConflictNames(1);
        String old = one.name("a.txt", "pc", T);
        ConflictPlacement p = one.place("a.txt", "pc", T.plusSeconds(1), List.of("a.txt", old));
        assertEquals(List.of(old), p.evicted());
    }

    @Test
    void belowTheCapNothingIsEvicted() {
        List<String> existing = List.of(names.name("a.txt", "pc", T), names.name("a.txt", "pc", T.plusSeconds(1)));
        assertTrue(names.place("a.txt", "pc", T.plusSeconds(2), existing).evicted().isEmpty());
    }

    @Test
    void refusesACapBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new ConflictNames(0));
    }
}
