package org.deskplane.bundles.api;

/** A bundle or feature operation that could not be done; {@link #kind()} says why. */
public class BundleOperationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** no such bundle or feature (or not in the repository) */
        NOT_FOUND,
        /** the input is not a valid bundle / repository / feature id */
        INVALID,
        /** refused by a {@link BundleVerifier} (unsigned, untrusted …) */
        VERIFICATION_FAILED,
        /** the operation clashes with the current state (already installed, system bundle …) */
        CONFLICT,
        /** the framework or p2 failed while doing it */
        FAILED
    }

    private final Kind kind;

    public BundleOperationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BundleOperationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
