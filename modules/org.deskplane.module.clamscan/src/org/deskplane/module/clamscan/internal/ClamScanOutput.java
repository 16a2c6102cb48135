package org.deskplane.module.clamscan.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads clamscan's output ({@code --no-summary}): a detection is a line {@code <file>: <signature> FOUND}; the
 * file name may itself contain ": ", so the signature is what follows the last one.
 */
final class ClamScanOutput {

    private static final String FOUND = " FOUND";

    private ClamScanOutput() {
    }

    static List<Detection> detections(String output) {
        List<Detection> found = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (!line.endsWith(FOUND)) {
                continue;
            }
            String withoutFound = line.substring(0, line.length() - FOUND.length());
            int separator = withoutFound.lastIndexOf(": ");
            if (separator > 0) {
                found.add(new Detection(withoutFound.substring(0, separator),
                        withoutFound.substring(separator + 2).trim()));
            }
        }
        return found;
    }

    /** Exit codes of clamscan: 0 nothing found, 1 something found, anything else an error. */
    static ScanOutcome outcome(int exitCode, String output) {
        List<Detection> detections = detections(output);
        if (!detections.isEmpty()) {
            return ScanOutcome.infected(detections); // a hit counts even when other files had errors
        }
        if (exitCode == 0) {
            return ScanOutcome.clean();
        }
        return ScanOutcome.failed("clamscan exited with " + exitCode + ": " + lastLines(output));
    }

    /** The end of the output, where clamscan says what went wrong; short enough for a veto reason. */
    static String lastLines(String output) {
        String trimmed = output.strip();
        return trimmed.length() <= 300 ? trimmed : "…" + trimmed.substring(trimmed.length() - 300);
    }
}
