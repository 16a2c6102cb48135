package org.deskplane.delivery.wire;

/** A delivery message that cannot be read. */
public class WireException extends Exception {
    private static final long serialVersionUID = 1L;

    public WireException(String message) {
        super(message);
    }
}
