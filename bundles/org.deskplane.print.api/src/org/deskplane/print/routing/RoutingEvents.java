package org.deskplane.print.routing;

/** Event Admin topics of the router (posted asynchronously). */
public final class RoutingEvents {

    /** A job's state changed (also when it was accepted). */
    public static final String JOB_CHANGED = "org/deskplane/print/JOB_CHANGED";
    /** A job was denied by policy: for the admin's attention. */
    public static final String JOB_DENIED = "org/deskplane/print/JOB_DENIED";
    /** The printers some VMs see changed (a driver's printers or a policy changed): guests should re-ask. */
    public static final String VM_PRINTERS_CHANGED = "org/deskplane/print/VM_PRINTERS_CHANGED";

    /** String: the job id. */
    public static final String JOB = "job";
    /** String: the {@link SpoolState} name. */
    public static final String STATE = "state";
    /** String: the reason, possibly "". */
    public static final String REASON = "reason";
    /** String: {@code <connection>:<uuid>} of the VM. */
    public static final String VM = "vm";
    /** String: the user. */
    public static final String USER = "user";
    /** String: the VM printer id. */
    public static final String PRINTER = "printer";

    private RoutingEvents() {
    }
}
