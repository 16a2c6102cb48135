package org.deskplane.layers.api;

import java.util.List;

/**
 * A publish named chunks the store does not hold (never put, or collected because the upload outlived the grace
 * period): the endpoint puts {@link #missing()} and publishes again.
 */
public class MissingChunksException extends LayerException {
    private static final long serialVersionUID = 1L;
    private final List<String> missing;

    public MissingChunksException(String message, List<String> missing) {
        super(message);
        this.missing = List.copyOf(missing);
    }

    /** The missing chunk ids (at most the first 10,000). */
    public List<String> missing() {
        return missing;
    }
}
