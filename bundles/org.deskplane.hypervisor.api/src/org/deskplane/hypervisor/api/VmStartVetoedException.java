package org.deskplane.hypervisor.api;

/**
 * A {@link VmStartHook} refused a VM's start; {@link #vetoedBy()} names who (e.g. a security-scan module), the
 * message says why.
 *
 * @since 1.4
 */
public class VmStartVetoedException extends HypervisorException {

    private static final long serialVersionUID = 1L;

    private final String vetoedBy;

    public VmStartVetoedException(String vetoedBy, String message) {
        super(Kind.VETOED, "start refused by " + vetoedBy + ": " + message);
        this.vetoedBy = vetoedBy;
    }

    public String vetoedBy() {
        return vetoedBy;
    }
}
