package org.deskplane.delivery.internal;

import java.time.Instant;

import org.deskplane.delivery.api.PayloadRef;
import org.deskplane.delivery.api.VmDeliveryState;
import org.deskplane.delivery.spi.Attachment;

/**
 * One item as persisted: everything the engine needs to resume it after a restart. Mutated only under its
 * deployment's lock.
 */
public final class ItemRecord {
    public int index;
    public String vmId;
    public String host;
    public String uuid;
    public String vmName;
    public PayloadRef payload;
    /** Position of the payload in the deployment: a VM gets payload n+1 only after payload n succeeded. */
    public int payloadIndex;
    public VmDeliveryState state = VmDeliveryState.PENDING;
    public VmDeliveryState outcome;
    public String method;
    public String processor;
    public int progress;
    public String message = "";
    public Integer exitCode;
    public int attempts;
    public Instant updated;
    /** Unique per attempt; names the guest job and temporary files. */
    public String jobId;
    /** The guest agent acknowledged this attempt (PREPARED happened, possibly before an attach for next start). */
    public boolean prepared;
    /** Set before a method's attach is called, cleared when the attachment is recorded: a crash in between leaves it. */
    public String attaching;
    public Attachment attachment;
    public Instant processingDeadline;
    public int logNext;
    public boolean cancelRequested;
    /** Not to be started before this (retry back-off). */
    public Instant notBefore;
    /** Pending until the VM runs (powered-off policy WAIT_FOR_START or ATTACH_FOR_NEXT_START). */
    public boolean waitingForStart;
    /** When clean-up was first tried: overdue clean-ups are reported. */
    public Instant cleanupSince;

    boolean isDone() {
        return state == VmDeliveryState.CLEANED;
    }

    /** Owes work: not done, and past PENDING or decided (so clean-up or resuming is due). */
    boolean isInFlight() {
        return !isDone() && (state != VmDeliveryState.PENDING || outcome != null);
    }
}
