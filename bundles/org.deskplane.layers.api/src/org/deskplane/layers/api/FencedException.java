package org.deskplane.layers.api;

/** A system-layer upload from an endpoint that is no longer (or never was) the master: its token is stale. */
public class FencedException extends LayerException {
    private static final long serialVersionUID = 1L;

    public FencedException(String message) {
        super(message);
    }
}
