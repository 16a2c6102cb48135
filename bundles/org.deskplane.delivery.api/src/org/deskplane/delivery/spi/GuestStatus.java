package org.deskplane.delivery.spi;

import java.util.List;

/**
 * A job's status in the guest.
 *
 * @param progress 0–100
 * @param message  what it is doing, or why it failed
 * @param exitCode the exit code of the step that ended processing; null while running
 * @param log      log lines from {@code logFrom} (as asked) on, at most as many as fit one answer
 * @param nextLog  the line number to ask for next time
 */
public record GuestStatus(GuestState state, int progress, String message, Integer exitCode, List<String> log, int nextLog) {

    public GuestStatus {
        log = log == null ? List.of() : List.copyOf(log);
        message = message == null ? "" : message;
    }
}
