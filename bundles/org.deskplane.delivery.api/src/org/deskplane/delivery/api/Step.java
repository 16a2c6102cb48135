package org.deskplane.delivery.api;

import java.util.List;
import java.util.Objects;

/**
 * One processing instruction of a payload, run in the order of the manifest.
 *
 * @param kind   what to do
 * @param source a payload-relative path: the file to copy, or the script to run
 * @param target {@link Kind#COPY}: the absolute guest path to copy to (a path ending in '/' is a directory);
 *               {@link Kind#RUN}: null
 * @param args   {@link Kind#RUN}: the script's arguments; empty otherwise
 */
public record Step(Kind kind, String source, String target, List<String> args) {

    public enum Kind {
        /** Copy a payload file into the guest's file system. */
        COPY,
        /** Run a payload script (with /bin/sh on Linux guests) from the payload's directory; exit code 0 is success. */
        RUN
    }

    public Step {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        args = args == null ? List.of() : List.copyOf(args);
    }

    public static Step copy(String source, String target) {
        return new Step(Kind.COPY, source, Objects.requireNonNull(target, "target"), List.of());
    }

    public static Step run(String script, List<String> args) {
        return new Step(Kind.RUN, script, null, args);
    }
}
