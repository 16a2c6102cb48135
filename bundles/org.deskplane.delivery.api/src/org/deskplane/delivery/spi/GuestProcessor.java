package org.deskplane.delivery.spi;

import java.time.Duration;

import org.deskplane.delivery.api.DeliveryException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Talks to the software in a guest that processes payloads (whiteboard service with property
 * {@value #NAME_PROPERTY}): the Deskplane agent over its channel, or QEMU's guest agent (exec + status) for guests
 * without ours. Every call is bounded by its timeout; a guest side that does not answer gives
 * {@link DeliveryException.Reason#AGENT_UNAVAILABLE}, never a hang.
 */
@ConsumerType
public interface GuestProcessor {

    String NAME_PROPERTY = "delivery.processor";

    String name();

    /** Higher is preferred when several can reach a VM (our agent over QEMU's). */
    int rank();

    /** Whether this processor can reach the VM's guest at all (cheap: no guest round trip needed). */
    boolean canReach(VmTarget vm);

    /**
     * Tells the guest a delivery is coming so it can get ready (load the CD-ROM/ISO drivers, make room); completes
     * when the guest acknowledged.
     */
    void prepare(VmTarget vm, GuestJob job, Duration timeout) throws DeliveryException;

    /** Starts processing the payload found at {@code where}; returns once started. Idempotent per job id. */
    void start(VmTarget vm, GuestJob job, MediaLocation where, Duration timeout) throws DeliveryException;

    GuestStatus status(VmTarget vm, String jobId, int logFrom, Duration timeout) throws DeliveryException;

    /** Stops processing (kills the running step). */
    void cancel(VmTarget vm, String jobId, Duration timeout) throws DeliveryException;

    /** Lets go of the media: unmounts it and forgets the job. Idempotent; called before the device is detached. */
    void release(VmTarget vm, String jobId, Duration timeout) throws DeliveryException;
}
