package org.deskplane.print.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.print.api.PrintOptions;
import org.deskplane.print.api.PrintOptions.PageRange;
import org.junit.jupiter.api.Test;

class PrintOptionsTest {

    @Test
    void defaultsLeaveEverythingToThePrinter() {
        PrintOptions d = PrintOptions.DEFAULTS;

        assertNull(d.copies());
        assertNull(d.media());
        assertNull(d.sides());
        assertNull(d.colorMode());
        assertEquals(List.of(), d.pageRanges());
        assertFalse(d.hold());
    }

    @Test
    void copiesBelowOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PrintOptions.DEFAULTS.withCopies(0));
        assertThrows(IllegalArgumentException.class, () -> PrintOptions.DEFAULTS.withCopies(-3));
        assertEquals(1, PrintOptions.DEFAULTS.withCopies(1).copies());
        assertNull(PrintOptions.DEFAULTS.withCopies(5).withCopies(null).copies());
    }

    @Test
    void pageRangesAreCopiedAndNullMeansAll() {
        List<PageRange> ranges = new ArrayList<>(List.of(new PageRange(1, 2)));
        PrintOptions options = PrintOptions.DEFAULTS.withPageRanges(ranges);
        ranges.add(new PageRange(5, 5));

        assertEquals(List.of(new PageRange(1, 2)), options.pageRanges(), "the caller's later changes do not leak in");
        assertThrows(UnsupportedOperationException.class, () -> options.pageRanges().add(new PageRange(3, 3)));
        assertEquals(List.of(), PrintOptions.DEFAULTS.withPageRanges(null).pageRanges());
    }

    @Test
    void pageRangesCountFromOneAndDoNotRunBackwards() {
        assertEquals(new PageRange(3, 3), new PageRange(3, 3));
        assertThrows(IllegalArgumentException.class, () -> new PageRange(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PageRange(4, 3));
        assertThrows(IllegalArgumentException.class, () -> new PageRange(-1, 5));
    }

    @Test
    void withersChangeExactlyOneOption() {
        PrintOptions options = PrintOptions.DEFAULTS.withCopies(2).withMedia("iso_a4_210x297mm")
                .withSides("two-sided-long-edge").withColorMode("monochrome")
                .withPageRanges(List.of(new PageRange(2, 4))).withHold(true);

        assertEquals(new PrintOptions(2, "iso_a4_210x297mm", "two-sided-long-edge", "monochrome",
                List.of(new PageRange(2, 4)), true), options);
        assertTrue(options.hold());
        assertEquals("na_letter_8.5x11in", options.withMedia("na_letter_8.5x11in").media());
        assertEquals("one-sided", options.withSides("one-sided").sides());
        assertEquals("color", options.withColorMode("color").colorMode());
        assertFalse(options.withHold(false).hold());
        assertEquals(2, options.withHold(false).copies());
    }
}
