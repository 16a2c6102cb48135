package org.deskplane.layers.rest.internal;

import org.deskplane.layers.api.CvdConflictException;
import org.deskplane.layers.api.FencedException;
import org.deskplane.layers.api.LayerException;
import org.deskplane.rest.api.ApiException;

/**
 * Turns a layer failure into a problem answer. The two 409 titles are stable so that endpoint clients can branch on
 * them: {@code Version conflict} (pull, merge, publish again; the detail starts with {@code head=N}) and
 * {@code Stale master} (stop uploading system layers).
 */
final class LayerProblems {

    static final String VERSION_CONFLICT = "Version conflict";
    static final String STALE_MASTER = "Stale master";

    private LayerProblems() {
    }

    static ApiException of(LayerException e, int status) {
        if (e instanceof CvdConflictException conflict) {
            return new ApiException(409, VERSION_CONFLICT, "head=" + conflict.head() + ": " + e.getMessage(), e);
        }
        if (e instanceof FencedException) {
            return new ApiException(409, STALE_MASTER, e.getMessage(), e);
        }
        return new ApiException(status, status == 409 ? "Conflict" : "Bad request", e.getMessage(), e);
    }

    static ApiException unavailable(String what) {
        return new ApiException(503, "Layers unavailable", "the " + what + " is not running; retry when it is back");
    }
}
