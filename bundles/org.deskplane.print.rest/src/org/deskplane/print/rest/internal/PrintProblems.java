package org.deskplane.print.rest.internal;

import org.deskplane.print.api.PrintException;
import org.deskplane.rest.api.ApiException;

/** Maps printing failures to problem-detail statuses. */
final class PrintProblems {

    private PrintProblems() {
    }

    static ApiException of(PrintException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> new ApiException(404, "Not found", e.getMessage(), e);
            case INVALID -> new ApiException(400, "Bad request", e.getMessage(), e);
            case UNSUPPORTED -> new ApiException(415, "Not supported by the printer", e.getMessage(), e);
            case DENIED -> new ApiException(403, "Not allowed by print policy", e.getMessage(), e);
            case UNAVAILABLE -> new ApiException(503, "Printing unavailable", e.getMessage(), e);
            case STORAGE -> new ApiException(507, "Print storage full or failing", e.getMessage(), e);
            case FAILED -> new ApiException(502, "Printer failed", e.getMessage(), e);
        };
    }
}
