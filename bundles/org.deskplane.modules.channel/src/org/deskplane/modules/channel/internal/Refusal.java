package org.deskplane.modules.channel.internal;

import org.deskplane.modules.wire.ModuleAnswer;

/** A request the bridge answers itself, without the module host: its status name and message. */
final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    private final String status;

    Refusal(String status, String message) {
        super(message);
        this.status = status;
    }

    ModuleAnswer toAnswer() {
        return ModuleAnswer.of(status, getMessage());
    }
}
