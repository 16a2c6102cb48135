package org.deskplane.modules.api;

/** A module request that did not succeed, with the {@link ModuleStatus} to report and a message for humans. */
public class ModuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ModuleStatus status;

    public ModuleException(ModuleStatus status, String message) {
        super(message);
        this.status = status;
    }

    public ModuleException(ModuleStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public ModuleStatus status() {
        return status;
    }
}
