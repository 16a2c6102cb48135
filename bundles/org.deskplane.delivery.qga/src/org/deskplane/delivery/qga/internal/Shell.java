package org.deskplane.delivery.qga.internal;

/** Quoting for POSIX sh: every value put into a guest script is one single-quoted word. */
final class Shell {

    private Shell() {
    }

    /** {@code 'value'}, with each {@code '} written as {@code '\''}: nothing inside is expanded by the shell. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
