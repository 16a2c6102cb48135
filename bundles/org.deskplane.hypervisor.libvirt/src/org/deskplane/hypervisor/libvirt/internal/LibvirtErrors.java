package org.deskplane.hypervisor.libvirt.internal;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.HypervisorException.Kind;
import org.deskplane.hypervisor.api.NotSupportedException;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/** Turns libvirt's error codes into the API's error kinds. */
final class LibvirtErrors {

    private static final Set<ErrorNumber> NOT_FOUND = EnumSet.of(ErrorNumber.VIR_ERR_NO_DOMAIN,
            ErrorNumber.VIR_ERR_NO_DOMAIN_SNAPSHOT, ErrorNumber.VIR_ERR_NO_STORAGE_POOL,
            ErrorNumber.VIR_ERR_NO_STORAGE_VOL, ErrorNumber.VIR_ERR_NO_DEVICE, ErrorNumber.VIR_ERR_NO_DOMAIN_METADATA);
    private static final Set<ErrorNumber> CONNECTION = EnumSet.of(ErrorNumber.VIR_ERR_NO_CONNECT,
            ErrorNumber.VIR_ERR_INVALID_CONN, ErrorNumber.VIR_ERR_RPC, ErrorNumber.VIR_ERR_AUTH_FAILED,
            ErrorNumber.VIR_ERR_OPERATION_TIMEOUT);
    private static final Set<ErrorNumber> INVALID = EnumSet.of(ErrorNumber.VIR_ERR_INVALID_ARG,
            ErrorNumber.VIR_ERR_XML_ERROR, ErrorNumber.VIR_ERR_XML_DETAIL, ErrorNumber.VIR_ERR_OPERATION_INVALID,
            ErrorNumber.VIR_ERR_DOM_EXIST, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED);
    private static final Set<ErrorNumber> NOT_SUPPORTED = EnumSet.of(ErrorNumber.VIR_ERR_NO_SUPPORT,
            ErrorNumber.VIR_ERR_ARGUMENT_UNSUPPORTED);

    private LibvirtErrors() {
    }

    static HypervisorException map(String operation, String connectionId, LibvirtException e) {
        ErrorNumber code = e.getError() == null ? ErrorNumber.VIR_ERR_UNKNOWN : e.getError().getCode();
        String message = e.getMessage() == null ? code.name() : e.getMessage();
        // libvirt-java 0.5.2 knows error codes up to 2013; newer ones (VIR_ERR_OPERATION_UNSUPPORTED = 84 …)
        // arrive as VIR_ERR_UNKNOWN, so the message is checked too
        if (NOT_SUPPORTED.contains(code) || mentionsUnsupported(message)) {
            return new NotSupportedException(operation, connectionId, e);
        }
        Kind kind = NOT_FOUND.contains(code) ? Kind.NOT_FOUND
                : CONNECTION.contains(code) ? Kind.CONNECTION_LOST
                : INVALID.contains(code) ? Kind.INVALID : Kind.FAILED;
        return new HypervisorException(kind, operation + " failed on connection '" + connectionId + "': " + message,
                e);
    }

    /** Whether the error means the connection itself is gone (so the provider should reconnect). */
    static boolean isConnectionLoss(LibvirtException e) {
        ErrorNumber code = e.getError() == null ? ErrorNumber.VIR_ERR_UNKNOWN : e.getError().getCode();
        return code == ErrorNumber.VIR_ERR_NO_CONNECT || code == ErrorNumber.VIR_ERR_INVALID_CONN
                || code == ErrorNumber.VIR_ERR_RPC
                || (code == ErrorNumber.VIR_ERR_SYSTEM_ERROR && String.valueOf(e.getMessage()).contains("end of file"));
    }

    private static boolean mentionsUnsupported(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("not supported by the connection driver") || lower.contains("operation not supported");
    }
}
