package org.deskplane.delivery.spi;

import org.deskplane.delivery.api.DeliveryException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One way of making a payload readable in a guest without its network (whiteboard service with property
 * {@value #NAME_PROPERTY}). The engine persists the returned {@link Attachment} before going on, and calls
 * {@link #detach} on every exit path, possibly more than once and possibly after a server restart: detach must be
 * idempotent and must succeed when the device is already gone or the VM no longer exists.
 */
@ConsumerType
public interface DeliveryMethod {

    String NAME_PROPERTY = "delivery.method";

    String name();

    /**
     * Why this method cannot serve the VM as it is now (no CD-ROM drive, not running, hypervisor cannot
     * hot-plug …), or null when it can. Must not change anything. {@code forNextStart}: the VM is powered off and the
     * deployment wants the payload attached to its definition for its next start.
     */
    String unusableReason(VmTarget vm, boolean forNextStart);

    /** Makes the payload readable in the guest. */
    Attachment attach(VmTarget vm, AttachContext context) throws DeliveryException;

    /** Undoes {@link #attach}: detaches the device, deletes temporary files. Idempotent. */
    void detach(VmTarget vm, Attachment attachment) throws DeliveryException;

    /** Whether the attachment is still in place (the device still in the VM, the files still there). */
    boolean isAttached(VmTarget vm, Attachment attachment) throws DeliveryException;
}
