package org.deskplane.hypervisor.rest.internal;

import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.rest.api.ApiException;

/** Maps hypervisor failures to problem-detail statuses (documented in the bundle README). */
final class HypervisorProblems {

    private HypervisorProblems() {
    }

    static ApiException of(HypervisorException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> new ApiException(404, "Not found", e.getMessage(), e);
            case NOT_SUPPORTED -> new ApiException(501, "Not supported by this hypervisor", e.getMessage(), e);
            case INVALID -> new ApiException(409, "Not possible now", e.getMessage(), e);
            case CONNECTION_LOST -> new ApiException(503, "Hypervisor unavailable", e.getMessage(), e);
            case TIMEOUT -> new ApiException(504, "Hypervisor timeout", e.getMessage(), e);
            case FAILED -> new ApiException(502, "Hypervisor error", e.getMessage(), e);
            case VETOED -> new ApiException(409, "Start refused", e.getMessage(), e);
        };
    }
}
