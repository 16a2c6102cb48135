package org.deskplane.workbench.internal;

import java.util.Locale;

import org.deskplane.workbench.WorkbenchIds;

/**
 * How the workbench was asked to start, from system property {@code deskplane.mode} (for scripts):
 * {@code embedded} runs the service bundles in-process without any dialog; {@code remote} logs in to a
 * server (automatically when {@link AutomaticLogin}'s properties are set, else through the dialog); unset
 * means automatic login when configured, else the dialog, which offers both.
 */
enum StartMode {
    EMBEDDED, REMOTE, ASK;

    static StartMode from(String property) {
        if (property == null || property.isBlank()) {
            return ASK;
        }
        return switch (property.trim().toLowerCase(Locale.ROOT)) {
            case WorkbenchIds.MODE_EMBEDDED -> EMBEDDED;
            case WorkbenchIds.MODE_REMOTE -> REMOTE;
            default -> throw new IllegalArgumentException(WorkbenchIds.MODE_PROPERTY + "=" + property
                    + " is not known: use " + WorkbenchIds.MODE_EMBEDDED + " or " + WorkbenchIds.MODE_REMOTE);
        };
    }
}
