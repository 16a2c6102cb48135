package org.deskplane.vmdiff.host.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceServer;

/**
 * What a host does every {@code pollMillis} without being called: trigger files in its folder
 * ({@code triggers/<vm>.suspend}, {@code triggers/<vm>.release}), release requests other hosts left on the server
 * for VMs this host holds, and pushes owed to a server that was away.
 */
final class HostChores implements Runnable {
    private static final Logger LOG = Logger.getLogger(HostChores.class.getName());
    private static final String SUSPEND = ".suspend";
    private static final String RELEASE = ".release";

    private final VmHostComponent host;
    private final HostFolders folders;
    private final Supplier<DifferenceServer> server;

    HostChores(VmHostComponent host, HostFolders folders, Supplier<DifferenceServer> server) {
        this.host = host;
        this.folders = folders;
        this.server = server;
    }

    @Override
    public void run() {
        try {
            followTriggers();
            DifferenceServer reachable = server.get();
            if (reachable != null) {
                answerReleaseRequests(reachable);
                pushWhatIsOwed();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, host.hostId() + ": periodic work: " + e.getMessage(), e);
        }
    }

    private void followTriggers() throws IOException {
        try (var triggers = Files.newDirectoryStream(folders.triggers())) {
            for (Path trigger : triggers) {
                String name = trigger.getFileName().toString();
                try {
                    if (name.endsWith(SUSPEND) && host.running().contains(vmOf(name, SUSPEND))) {
                        host.suspend(vmOf(name, SUSPEND));
                    } else if (name.endsWith(RELEASE)) {
                        host.release(vmOf(name, RELEASE));
                    }
                } catch (DifferenceException e) {
                    LOG.warning(host.hostId() + ": trigger " + name + ": " + e.getMessage());
                }
                Files.deleteIfExists(trigger);
            }
        }
    }

    /** Another host asked, through the server, for a VM this host holds: suspend it, push it, let go. */
    private void answerReleaseRequests(DifferenceServer reachable) throws IOException {
        for (String vm : folders.heldLeases()) {
            Optional<String> requester = reachable.leases().releaseRequest(vm);
            if (requester.isPresent()) {
                try {
                    LOG.info(host.hostId() + ": " + requester.get() + " asked for " + vm + ": letting go");
                    host.release(vm);
                } catch (DifferenceException e) {
                    LOG.warning(host.hostId() + ": letting go of " + vm + " for " + requester.get() + " failed: " + e.getMessage());
                }
            }
        }
    }

    private void pushWhatIsOwed() throws IOException {
        for (String vm : folders.owedPushes()) {
            host.pushOwed(vm);
        }
    }

    private static String vmOf(String triggerName, String suffix) {
        return triggerName.substring(0, triggerName.length() - suffix.length());
    }
}
