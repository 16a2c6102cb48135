package org.deskplane.delivery.api;

/** A payload manifest that cannot be read: the message names the line and what is wrong with it. */
public class ManifestException extends Exception {
    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
        super(message);
    }
}
