package org.deskplane.delivery.qga.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deskplane.delivery.spi.GuestState;
import org.deskplane.delivery.spi.GuestStatus;

/**
 * Reads what the status command printed: {@code key=value} lines of the job's status file and of the probe
 * ({@code known}, {@code started}, {@code alive}), then {@value #LOG_MARKER} and the log lines asked for.
 */
final class StatusReport {

    static final String LOG_MARKER = "--deskplane-log--";
    static final int MAX_LOG_LINES = 1000;

    /**
     * The probe run in the guest: $1 job folder, $2 first log line (1-based). Output bounded by head. Liveness is
     * checked before the status is read: a runner that finishes in between has written its outcome by then, so
     * "RUNNING but gone" means it really died without one.
     */
    static final String PROBE = """
            d=$1
            if [ ! -d "$d" ]; then echo known=0; exit 0; fi
            echo known=1
            alive=0
            if [ -f "$d/pid" ] && kill -0 "$(cat "$d/pid")" 2>/dev/null; then alive=1; fi
            [ -e "$d/started" ] && echo started=1
            [ -f "$d/status" ] && head -c 8192 "$d/status"
            echo alive=$alive
            [ -f "$d/pid" ] && echo haspid=1
            echo '--deskplane-log--'
            [ -f "$d/log" ] && tail -n "+$2" "$d/log" | head -n 1000 | cut -c 1-4096
            exit 0
            """;

    private StatusReport() {
    }

    static GuestStatus parse(String output, int logFrom) {
        Map<String, String> values = new HashMap<>();
        List<String> log = new ArrayList<>();
        boolean inLog = false;
        for (String line : output.split("\n", -1)) {
            if (inLog) {
                log.add(line);
            } else if (line.equals(LOG_MARKER)) {
                inLog = true;
            } else {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        if (!log.isEmpty() && log.get(log.size() - 1).isEmpty()) {
            log.remove(log.size() - 1); // the newline after the last line
        }
        if (!"1".equals(values.get("known"))) {
            return new GuestStatus(GuestState.UNKNOWN, 0, "the guest has no such job", null, List.of(), logFrom);
        }
        int next = logFrom + log.size();
        String message = values.getOrDefault("message", "");
        GuestState state = state(values.get("state"));
        if (state == null) {
            state = "1".equals(values.get("started")) ? GuestState.RUNNING : GuestState.PREPARED;
        }
        if (state == GuestState.RUNNING && "1".equals(values.get("haspid")) && !"1".equals(values.get("alive"))) {
            // the runner is gone without writing an outcome: killed, or the guest restarted under it
            return new GuestStatus(GuestState.FAILED, 100, "the payload runner stopped without a result", null, log, next);
        }
        return new GuestStatus(state, progress(values.get("progress")), message, exitCode(values.get("exit"), state), log, next);
    }

    private static GuestState state(String value) {
        if (value == null) {
            return null;
        }
        try {
            return GuestState.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int progress(String value) {
        try {
            return Math.max(0, Math.min(100, Integer.parseInt(value)));
        } catch (NumberFormatException | NullPointerException e) {
            return 0;
        }
    }

    private static Integer exitCode(String value, GuestState state) {
        if (!state.isFinal() || value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
