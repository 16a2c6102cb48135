package org.deskplane.modules.wire;

import java.io.IOException;

import org.deskplane.modules.api.ModuleStatus;

/**
 * A body that is not a valid version-1 module message: truncated, over a bound, of another version, or with bad
 * values. It is answered as {@link ModuleStatus#INVALID}.
 */
public final class WireException extends IOException {

    private static final long serialVersionUID = 1L;

    public WireException(String message) {
        super(message);
    }

    /** The answer that tells the sender what was wrong. */
    public ModuleAnswer toAnswer() {
        return ModuleAnswer.of(ModuleStatus.INVALID, getMessage());
    }
}
