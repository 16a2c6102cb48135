package org.deskplane.client.internal;

import org.deskplane.client.ServerException;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;

/**
 * Maps the Profile API's problem answers back onto {@link ContentException} reasons, the inverse of the server's
 * mapping (org.deskplane.content.rest's ContentProblems), so that a part handles a remote failure like a local one.
 */
final class ContentErrors {

    private ContentErrors() {
    }

    static ContentException translate(ServerException e) {
        String said = e.detail() == null || e.detail().isBlank() ? e.getMessage() : e.detail();
        String title = e.title() == null ? "" : e.title();
        Reason reason = switch (e.status()) {
            case 404 -> Reason.NOT_FOUND;
            case 403 -> Reason.DENIED;
            case 409 -> title.startsWith("Read-only") ? Reason.READ_ONLY : Reason.WRONG_TYPE;
            case 400, 416 -> Reason.INVALID;
            case 422 -> Reason.UNREADABLE;
            case 503 -> title.startsWith("Busy") ? Reason.BUSY : Reason.UNAVAILABLE;
            default -> Reason.UNAVAILABLE; // 0 (unreachable), 5xx: the content cannot be had right now
        };
        // the status and the server's title stay visible: "Not allowed by policy" says more than DENIED
        String message = e.status() == 0 ? e.getMessage() : said + " (" + e.status() + " " + title + ")";
        return new ContentException(reason, message, e);
    }
}
