package org.deskplane.hypervisor.api;

/**
 * The hypervisor behind a connection refuses this operation altogether (libvirt's "not supported by the
 * connection driver"), as opposed to failing it this time. Retrying will not help; another hypervisor might.
 */
public class NotSupportedException extends HypervisorException {
    private static final long serialVersionUID = 1L;

    private final String operation;

    public NotSupportedException(String operation, String connectionId, Throwable cause) {
        super(Kind.NOT_SUPPORTED,
                operation + " is not supported by this hypervisor (connection '" + connectionId + "')", cause);
        this.operation = operation;
    }

    /** The operation that was refused, e.g. {@code insertMedia}. */
    public String operation() {
        return operation;
    }
}
