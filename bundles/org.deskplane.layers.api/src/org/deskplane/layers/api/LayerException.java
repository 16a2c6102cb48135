package org.deskplane.layers.api;

/** A refused or failed layer operation, with a message for the person who asked. */
public class LayerException extends Exception {
    private static final long serialVersionUID = 1L;

    public LayerException(String message) {
        super(message);
    }

    public LayerException(String message, Throwable cause) {
        super(message, cause);
    }
}
