package org.deskplane.hypervisor.api;

/** EventAdmin topics and property names that hypervisor providers post (see the package documentation). */
public final class HypervisorEvents {

    /** Prefix of VM lifecycle topics; append a {@link VmEventType} name. */
    public static final String VM_TOPIC_PREFIX = "org/deskplane/hypervisor/vm/";
    /** Subscribe to all VM lifecycle events. */
    public static final String VM_TOPIC_ALL = VM_TOPIC_PREFIX + "*";
    public static final String CONNECTION_CONNECTED = "org/deskplane/hypervisor/connection/CONNECTED";
    public static final String CONNECTION_DISCONNECTED = "org/deskplane/hypervisor/connection/DISCONNECTED";

    public static final String PROPERTY_CONNECTION = "connection";
    public static final String PROPERTY_URI = "uri";
    public static final String PROPERTY_UUID = "uuid";
    public static final String PROPERTY_NAME = "name";
    /** The {@link VmState} name after the event. */
    public static final String PROPERTY_STATE = "state";
    /** The hypervisor's reason, e.g. BOOTED, DESTROYED, PAUSED. */
    public static final String PROPERTY_DETAIL = "detail";
    public static final String PROPERTY_ERROR = "error";

    /** The last segment of a VM topic. */
    public enum VmEventType {
        DEFINED, UNDEFINED, STARTED, SUSPENDED, RESUMED, STOPPED, SHUTDOWN, PMSUSPENDED, CRASHED, CHANGED;

        public String topic() {
            return VM_TOPIC_PREFIX + name();
        }
    }

    private HypervisorEvents() {
    }
}
