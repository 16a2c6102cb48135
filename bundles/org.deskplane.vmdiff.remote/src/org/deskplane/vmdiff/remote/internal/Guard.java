package org.deskplane.vmdiff.remote.internal;

import java.io.IOException;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.Handler;
import org.deskplane.vmdiff.api.DifferenceException;

/** Wraps a route's handler so that a difference failure becomes its problem answer (title = the kind's name). */
final class Guard {

    private Guard() {
    }

    static Handler of(Handler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (DifferenceException e) {
                throw Kinds.problem(e);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            } catch (IOException e) {
                throw new ApiException(500, "Store failure", "the server's VM difference copy failed: " + e.getMessage(), e);
            }
        };
    }
}
