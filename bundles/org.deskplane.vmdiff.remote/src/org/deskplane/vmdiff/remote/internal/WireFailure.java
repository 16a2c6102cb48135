package org.deskplane.vmdiff.remote.internal;

import java.io.IOException;

import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;

/**
 * A wire call that failed: the server's refusal (status, the difference kind its problem names, its words) or no
 * answer at all (status 0: refused connection, timeout, TLS failure). An {@link IOException}, so that
 * {@code DifferenceSource} reads pass it on as they are; {@link #asDifference()} gives callers of the
 * {@code DifferenceServer} methods the kind they would get from a server in their own process.
 */
final class WireFailure extends IOException {
    private static final long serialVersionUID = 1L;

    final int status;
    final Kind kind;

    WireFailure(int status, Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.kind = kind;
    }

    static WireFailure unreachable(String message, Throwable cause) {
        return new WireFailure(0, Kind.UNREACHABLE, message, cause);
    }

    DifferenceException asDifference() {
        return new DifferenceException(kind, getMessage(), this);
    }

    /** Any I/O failure of a call as the difference kind: no answer or a 503 is UNREACHABLE. */
    static DifferenceException asDifference(IOException e) {
        if (e instanceof WireFailure failure) {
            return failure.asDifference();
        }
        return new DifferenceException(Kind.UNREACHABLE, e.getMessage(), e);
    }
}
