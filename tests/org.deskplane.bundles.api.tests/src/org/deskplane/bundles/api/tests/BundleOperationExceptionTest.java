package org.deskplane.bundles.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.BundleOperationException.Kind;
import org.junit.jupiter.api.Test;

/** The REST layer turns the kind into a status (404, 400, 403/422, 409, 500): it must survive as given. */
class BundleOperationExceptionTest {

    @Test
    void everyKindIsKeptWithItsMessage() {
        for (Kind kind : Kind.values()) {
            BundleOperationException e = new BundleOperationException(kind, "because " + kind);
            assertEquals(kind, e.kind());
            assertEquals("because " + kind, e.getMessage());
            assertNull(e.getCause());
        }
    }

    @Test
    void theKindsAreTheDocumentedOnes() {
        assertEquals(Set.of("NOT_FOUND", "INVALID", "VERIFICATION_FAILED", "CONFLICT", "FAILED"),
                Stream.of(Kind.values()).map(Kind::name).collect(Collectors.toSet()));
    }

    @Test
    void causeIsKept() {
        IOException cause = new IOException("zip END header not found");
        BundleOperationException e = new BundleOperationException(Kind.INVALID, "not a jar", cause);
        assertEquals(Kind.INVALID, e.kind());
        assertEquals("not a jar", e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void isUncheckedSoManagersNeedNotDeclareIt() {
        // BundleManager's methods declare nothing: callers catch it as a RuntimeException
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> {
            throw new BundleOperationException(Kind.CONFLICT, "system bundle");
        });
        assertEquals(Kind.CONFLICT, ((BundleOperationException) thrown).kind());
    }
}
