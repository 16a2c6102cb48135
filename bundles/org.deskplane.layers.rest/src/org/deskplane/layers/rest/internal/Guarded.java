package org.deskplane.layers.rest.internal;

import java.io.IOException;

import org.deskplane.layers.api.LayerException;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.Audited;
import org.deskplane.rest.api.Handler;

/**
 * Wraps a handler so that a {@link LayerException} (or a value the API's records refuse) becomes its problem answer,
 * and, for a change, so that the outcome goes to the audit log with the caller as actor.
 */
final class Guarded {

    private Guarded() {
    }

    /** Error mapping only; a refused {@link LayerException} answers {@code status} (400 or 409). */
    static Handler read(int status, Handler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (LayerException e) {
                throw LayerProblems.of(e, status);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            } catch (IOException e) {
                throw new ApiException(500, "Store failure", "the CVD store failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(503, "Layers unavailable", "the server is stopping");
            }
        };
    }

    static Handler read(Handler handler) {
        return read(400, handler);
    }

    /** A change: the error mapping, and an audit record of the outcome under {@code action}. */
    static Handler audited(LayersServices services, String action, int status, Handler handler) {
        return Audited.of(services::audit, action, "", read(status, handler));
    }

    static Handler audited(LayersServices services, String action, Handler handler) {
        return audited(services, action, 400, handler);
    }
}
