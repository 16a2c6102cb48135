package org.deskplane.print.cups.internal;

import org.deskplane.ipp.IppStatus;
import org.deskplane.print.api.PrintException;

/** Maps an IPP error status to the coarse kind a spool acts on (retry or give up). */
final class IppErrors {

    private IppErrors() {
    }

    static PrintException.Kind kind(int status) {
        return switch (status) {
            case IppStatus.CLIENT_ERROR_NOT_FOUND, IppStatus.CLIENT_ERROR_GONE -> PrintException.Kind.NOT_FOUND;
            case IppStatus.CLIENT_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED,
                    IppStatus.CLIENT_ERROR_ATTRIBUTES_OR_VALUES_NOT_SUPPORTED,
                    IppStatus.CLIENT_ERROR_CONFLICTING_ATTRIBUTES,
                    IppStatus.SERVER_ERROR_OPERATION_NOT_SUPPORTED -> PrintException.Kind.UNSUPPORTED;
            case IppStatus.CLIENT_ERROR_BAD_REQUEST, IppStatus.CLIENT_ERROR_DOCUMENT_FORMAT_ERROR,
                    IppStatus.CLIENT_ERROR_REQUEST_VALUE_TOO_LONG -> PrintException.Kind.INVALID;
            case IppStatus.SERVER_ERROR_SERVICE_UNAVAILABLE, IppStatus.SERVER_ERROR_BUSY,
                    IppStatus.SERVER_ERROR_NOT_ACCEPTING_JOBS, IppStatus.CLIENT_ERROR_TIMEOUT -> PrintException.Kind.UNAVAILABLE;
            default -> PrintException.Kind.FAILED;
        };
    }
}
