package org.deskplane.vmdiff.host.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmState;

/**
 * The hypervisor side of a host: user VMs run as transient domains (gone once stopped, so no definition is left
 * behind on a host the VM moved away from), always with their first disk on this host's working overlay.
 */
final class GuestRunner {
    private final HypervisorConnection connection;

    GuestRunner(HypervisorConnection connection) {
        this.connection = connection;
    }

    /** Boots the domain on the overlay; returns its UUID. */
    String boot(String domainXml, Path overlay) throws HypervisorException {
        return connection.createTransient(DomainDisk.pointFirstDisk(domainXml, overlay)).id().uuid();
    }

    /** The running domain's definition, kept with the generation so a shut-down VM can boot elsewhere. */
    String definition(String uuid) throws HypervisorException {
        return connection.domainXml(uuid);
    }

    /** Saves memory and device state into {@code file}; the domain is gone afterwards. */
    void save(String uuid, Path file) throws HypervisorException {
        connection.saveState(uuid, file);
    }

    /** Continues a saved VM on the overlay; returns its UUID (the same as when it was saved). */
    String restore(Path savedState, Path overlay) throws HypervisorException {
        String saved = connection.savedStateXml(savedState);
        return connection.restoreState(savedState, DomainDisk.pointFirstDisk(saved, overlay)).id().uuid();
    }

    boolean isRunning(String uuid) {
        try {
            return connection.vm(uuid).state() != VmState.SHUTOFF;
        } catch (HypervisorException e) {
            return false; // a transient VM is gone once it stopped
        }
    }

    /**
     * Asks the guest to shut down and waits until it did; false when it still runs after {@code timeout}. A guest
     * that stops on its own meanwhile counts as shut down.
     */
    boolean shutDown(String uuid, Duration timeout) throws HypervisorException, InterruptedException {
        try {
            connection.shutdown(uuid);
        } catch (HypervisorException e) {
            if (isRunning(uuid)) {
                throw e;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(uuid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(250);
        }
        return true;
    }
}
