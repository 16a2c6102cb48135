package org.deskplane.bundles.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.BundleOperationException.Kind;
import org.junit.jupiter.api.function.Executable;

final class BundleOperationExceptionKinds {
    private BundleOperationExceptionKinds() {
    }

    static void assertOneOf(Executable executable, Kind... kinds) {
        BundleOperationException e = assertThrows(BundleOperationException.class, executable);
        assertTrue(List.of(kinds).contains(e.kind()), e.kind() + ": " + e.getMessage());
    }
}
