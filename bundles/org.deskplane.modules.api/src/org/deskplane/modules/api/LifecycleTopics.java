package org.deskplane.modules.api;

/**
 * EventAdmin topics of the host's lifecycle that modules subscribe to (as {@code EventHandler} services). VM
 * start is sent synchronously before the VM's domain starts: a handler vetoes it by calling
 * {@link StartVeto#veto(String, String)} on the event's {@value #PROPERTY_VETO} property. VM stop is the
 * hypervisor's own {@code org/deskplane/hypervisor/vm/STOPPED}.
 */
public final class LifecycleTopics {

    public static final String SERVER_STARTED = "org/deskplane/lifecycle/SERVER_STARTED";
    public static final String SERVER_STOPPING = "org/deskplane/lifecycle/SERVER_STOPPING";
    public static final String VM_STARTING = "org/deskplane/lifecycle/VM_STARTING";
    public static final String VM_STOPPED = "org/deskplane/hypervisor/vm/STOPPED";

    /** VM UUID. */
    public static final String PROPERTY_VM = "vm.uuid";
    public static final String PROPERTY_VM_NAME = "vm.name";
    /** The VM image (see {@link Requester#image()}). */
    public static final String PROPERTY_IMAGE = "vm.image";
    /** String[] of the VM's disk image files on the host. */
    public static final String PROPERTY_DISKS = "vm.disks";
    /** A {@link StartVeto}. */
    public static final String PROPERTY_VETO = "veto";

    /** The veto handed to VM start subscribers. */
    public interface StartVeto {
        /** Refuses the start; the first veto's reason is what the user is told. */
        void veto(String by, String reason);
    }

    private LifecycleTopics() {
    }
}
