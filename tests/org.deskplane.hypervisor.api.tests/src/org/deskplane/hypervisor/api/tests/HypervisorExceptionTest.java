package org.deskplane.hypervisor.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.List;

import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.HypervisorException.Kind;
import org.deskplane.hypervisor.api.NotSupportedException;
import org.junit.jupiter.api.Test;

/** The REST layer maps the kind to a status code; the message is shown to people as it is. */
class HypervisorExceptionTest {

    @Test
    void carriesKindAndMessage() {
        HypervisorException e = new HypervisorException(Kind.NOT_FOUND, "no VM with UUID 42 on connection 'lab'");
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertEquals("no VM with UUID 42 on connection 'lab'", e.getMessage());
        assertNull(e.getCause());
    }

    @Test
    void keepsTheCause() {
        IllegalStateException cause = new IllegalStateException("socket closed");
        HypervisorException e = new HypervisorException(Kind.CONNECTION_LOST, "connection 'lab' dropped", cause);
        assertEquals(Kind.CONNECTION_LOST, e.kind());
        assertEquals("connection 'lab' dropped", e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void kindsAreTheDocumentedSeven() {
        // callers switch over these; a new kind must be a visible decision (VETOED came with the start hooks of 1.4)
        assertEquals(List.of("NOT_FOUND", "NOT_SUPPORTED", "CONNECTION_LOST", "INVALID", "TIMEOUT", "FAILED", "VETOED"),
                Arrays.stream(Kind.values()).map(Kind::name).toList());
    }

    @Test
    void aVetoNamesWhoRefusedTheStartAndWhy() {
        org.deskplane.hypervisor.api.VmStartVetoedException e = new org.deskplane.hypervisor.api.VmStartVetoedException(
                "org.example.scanner", "found a test signature in desk-01.qcow2");
        assertEquals(Kind.VETOED, e.kind());
        assertEquals("org.example.scanner", e.vetoedBy());
        assertEquals("start refused by org.example.scanner: found a test signature in desk-01.qcow2", e.getMessage());
    }

    @Test
    void notSupportedNamesOperationAndConnection() {
        RuntimeException cause = new RuntimeException("this function is not supported by the connection driver");
        NotSupportedException e = new NotSupportedException("insertMedia", "demo", cause);
        assertEquals("insertMedia is not supported by this hypervisor (connection 'demo')", e.getMessage());
        assertEquals("insertMedia", e.operation());
        assertSame(cause, e.getCause());
    }

    @Test
    void notSupportedIsAHypervisorExceptionOfKindNotSupported() {
        HypervisorException e = new NotSupportedException("attachDisk", "demo", null);
        assertEquals(Kind.NOT_SUPPORTED, e.kind());
        assertNull(e.getCause());
    }
}
