package org.deskplane.workbench.internal;

/** The message a person should read for an exception: its own, or its class when it has none. */
final class ErrorMessages {

    private ErrorMessages() {
    }

    static String of(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
