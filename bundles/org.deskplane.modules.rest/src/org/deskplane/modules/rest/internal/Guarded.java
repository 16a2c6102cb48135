package org.deskplane.modules.rest.internal;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.rest.api.Handler;

/** Wraps a handler so that a {@link ModuleException} thrown anywhere below it becomes its problem answer. */
final class Guarded {

    private Guarded() {
    }

    static Handler of(Handler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (ModuleException e) {
                throw ModuleProblems.of(e);
            }
        };
    }
}
