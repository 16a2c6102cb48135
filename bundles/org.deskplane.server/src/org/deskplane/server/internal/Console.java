package org.deskplane.server.internal;

/** The operator's console: the few lines a person starting the server must see. */
final class Console {

    private Console() {
    }

    static void out(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static void error(String line) {
        System.err.println(line);
        System.err.flush();
    }
}
