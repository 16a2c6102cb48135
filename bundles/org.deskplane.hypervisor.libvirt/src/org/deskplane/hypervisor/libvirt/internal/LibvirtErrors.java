package org.deskplane.hypervisor.libvirt.internal;

import java.util.Locale;
import java.util.Set;

import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.HypervisorException.Kind;
import org.deskplane.hypervisor.api.NotSupportedException;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/**
 * Turns libvirt's error codes into the API's error kinds. libvirt-java 0.5.2's {@link ErrorNumber} enum lacks
 * four codes (the nwfilter ones, 60-63), so its constant names are wrong from there on; its ordinal is still
 * libvirt's raw {@code virErrorNumber}, which is what is matched here. Codes newer than the enum (e.g.
 * VIR_ERR_OPERATION_UNSUPPORTED = 84) arrive as VIR_ERR_UNKNOWN: those are told apart by libvirt's message.
 */
final class LibvirtErrors {

    // raw virErrorNumber values (libvirt's virterror.h)
    static final int NO_SUPPORT = 3;
    static final int NO_CONNECT = 5;
    static final int INVALID_CONN = 6;
    static final int INVALID_ARG = 8;
    static final int NO_DEVICE = 23;
    static final int XML_ERROR = 27;
    static final int DOM_EXIST = 28;
    static final int XML_DETAIL = 35;
    static final int SYSTEM_ERROR = 38;
    static final int RPC = 39;
    static final int NO_DOMAIN = 42;
    static final int AUTH_FAILED = 45;
    static final int NO_STORAGE_POOL = 49;
    static final int NO_STORAGE_VOL = 50;
    static final int OPERATION_INVALID = 55;
    static final int CONFIG_UNSUPPORTED = 67;
    static final int OPERATION_TIMEOUT = 68;
    static final int NO_DOMAIN_SNAPSHOT = 72;
    static final int ARGUMENT_UNSUPPORTED = 74;
    static final int NO_DOMAIN_METADATA = 80;
    static final int OPERATION_UNSUPPORTED = 84;

    private static final Set<Integer> NOT_FOUND = Set.of(NO_DOMAIN, NO_DOMAIN_SNAPSHOT, NO_STORAGE_POOL,
            NO_STORAGE_VOL, NO_DEVICE, NO_DOMAIN_METADATA);
    private static final Set<Integer> CONNECTION = Set.of(NO_CONNECT, INVALID_CONN, RPC, AUTH_FAILED,
            OPERATION_TIMEOUT);
    private static final Set<Integer> INVALID = Set.of(INVALID_ARG, XML_ERROR, XML_DETAIL, OPERATION_INVALID,
            DOM_EXIST, CONFIG_UNSUPPORTED);
    private static final Set<Integer> NOT_SUPPORTED = Set.of(NO_SUPPORT, ARGUMENT_UNSUPPORTED, OPERATION_UNSUPPORTED);

    private LibvirtErrors() {
    }

    /** libvirt's raw error number, or -1 when libvirt-java could not name it. */
    static int code(LibvirtException e) {
        if (e.getError() == null || e.getError().getCode() == null
                || e.getError().getCode() == ErrorNumber.VIR_ERR_UNKNOWN) {
            return -1;
        }
        return e.getError().getCode().ordinal();
    }

    static HypervisorException map(String operation, String connectionId, LibvirtException e) {
        return map(operation, connectionId, code(e), e.getMessage(), e);
    }

    /** Maps a libvirt error number and message (from libvirt-java or a direct C call) to a HypervisorException. */
    static HypervisorException map(String operation, String connectionId, int code, String libvirtMessage,
            Exception e) {
        String message = libvirtMessage == null ? "libvirt error " + code : libvirtMessage;
        String lower = message.toLowerCase(Locale.ROOT);
        if (NOT_SUPPORTED.contains(code) || (code < 0 && (lower.contains("not supported")
                || lower.contains("unsupported")))) {
            return new NotSupportedException(operation, connectionId, e);
        }
        Kind kind;
        if (NOT_FOUND.contains(code) || (code < 0 && lower.contains("not found"))) {
            kind = Kind.NOT_FOUND;
        } else if (CONNECTION.contains(code)) {
            kind = Kind.CONNECTION_LOST;
        } else if (INVALID.contains(code) || lower.contains("operation is not valid")
                || lower.contains("already running") || lower.contains("is not running")) {
            // drivers report state conflicts (start a running domain) as internal errors too
            kind = Kind.INVALID;
        } else {
            kind = Kind.FAILED;
        }
        return new HypervisorException(kind, operation + " failed on connection '" + connectionId + "': " + message,
                e);
    }

    /** Whether the error means the connection itself is gone (so the provider should reconnect). */
    static boolean isConnectionLoss(LibvirtException e) {
        return isConnectionLoss(code(e), e.getMessage());
    }

    /** The same for a raw error number and message (from a direct C call). */
    static boolean isConnectionLoss(int code, String message) {
        return code == NO_CONNECT || code == INVALID_CONN || code == RPC
                || (code == SYSTEM_ERROR && String.valueOf(message).contains("end of file"));
    }
}
