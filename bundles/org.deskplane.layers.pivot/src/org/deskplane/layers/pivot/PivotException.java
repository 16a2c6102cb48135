package org.deskplane.layers.pivot;

import java.io.IOException;

/** A pivot that cannot be planned or recovered; the tree has not been changed by the failing step. */
public class PivotException extends IOException {

    private static final long serialVersionUID = 1L;

    public PivotException(String message) {
        super(message);
    }

    public PivotException(String message, Throwable cause) {
        super(message, cause);
    }
}
