package org.deskplane.hypervisor.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A read-only, point-in-time view of a running VM's disks, exported by the hypervisor over NBD on a local Unix
 * socket while the guest goes on writing (the hypervisor keeps the old blocks the guest overwrites). The view holds
 * what the disks held at {@link #takenAt()}; closing it ends the export and deletes what the hypervisor kept for it.
 *
 * @see HypervisorConnection#exportPointInTime(String)
 * @since 1.3
 */
@ProviderType
public interface DiskExport extends AutoCloseable {

    /** The Unix socket on this machine where an NBD server serves the disks (fixed newstyle, read-only). */
    Path socket();

    /** The targets ("vda", "sdb") of the exported disks. */
    List<String> targets();

    /** The NBD export name of the disk with this target. */
    String exportName(String target);

    /** When the view was taken. */
    Instant takenAt();

    /**
     * Whether the guest's file systems were frozen by its agent while the view was taken, so that they are clean
     * in it; otherwise the view is crash-consistent only (what a power cut at that moment would have left).
     */
    boolean quiesced();

    /** Ends this holder's use of the export; the export itself ends when its last holder closes it. Idempotent. */
    @Override
    void close() throws HypervisorException;
}
