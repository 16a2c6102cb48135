package org.deskplane.print.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;

import org.deskplane.print.api.PrintException;
import org.junit.jupiter.api.Test;

class PrintExceptionTest {

    @Test
    void keepsItsKindMessageAndCause() {
        IOException cause = new IOException("connection refused");
        PrintException e = new PrintException(PrintException.Kind.UNAVAILABLE, "cups is away", cause);

        assertEquals(PrintException.Kind.UNAVAILABLE, e.kind());
        assertEquals("cups is away", e.getMessage());
        assertSame(cause, e.getCause());
        assertNull(new PrintException(PrintException.Kind.DENIED, "no").getCause());
    }

    @Test
    void aKindIsRequired() {
        assertThrows(NullPointerException.class, () -> new PrintException(null, "what went wrong?"));
    }
}
