package org.deskplane.delivery.qga.internal;

import java.time.Duration;

import org.deskplane.delivery.spi.VmTarget;
import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestAgentException;

/**
 * Opens a guest agent client for a VM. The components use {@code VmGuestAgents} (through the hypervisor); the seam
 * lets tests reach a real {@code qemu-ga} on a Unix socket without a hypervisor.
 */
@FunctionalInterface
interface GuestAgentAccess {

    /** A client whose every call is bounded by {@code callTimeout}; the caller closes it. */
    GuestAgentClient open(VmTarget vm, Duration callTimeout) throws GuestAgentException;
}
