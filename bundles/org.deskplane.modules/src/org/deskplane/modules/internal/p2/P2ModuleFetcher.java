package org.deskplane.modules.internal.p2;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.internal.DataDirectory;
import org.deskplane.modules.internal.ModuleFetcher;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.metadata.Version;
import org.eclipse.equinox.p2.repository.artifact.IArtifactDescriptor;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepository;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Reads a bundle artifact ({@code osgi.bundle}, id, version) from a p2 artifact repository with p2 itself. */
@Component(service = ModuleFetcher.class)
public final class P2ModuleFetcher implements ModuleFetcher {

    private final IProvisioningAgentProvider agentProvider;
    private final URI agentLocation;
    private IProvisioningAgent agent;

    @Activate
    public P2ModuleFetcher(@Reference IProvisioningAgentProvider agentProvider, BundleContext context) {
        this.agentProvider = agentProvider;
        this.agentLocation = DataDirectory.modules(context).resolve("p2").toUri();
    }

    @Deactivate
    synchronized void deactivate() {
        if (agent != null) {
            agent.stop();
            agent = null;
        }
    }

    @Override
    public synchronized void fetch(URI updateSite, String symbolicName, String version, Path target, long maxBytes) {
        if (!"file".equalsIgnoreCase(updateSite.getScheme())) {
            throw new ModuleException(ModuleStatus.INVALID, "the module update site must be a file: URI (no p2 "
                    + "transport is installed on this server): " + updateSite);
        }
        IArtifactRepositoryManager manager = agent().getService(IArtifactRepositoryManager.class);
        if (manager == null) {
            throw new ModuleException(ModuleStatus.FAILED, "p2's artifact repository manager is not running");
        }
        boolean known = manager.contains(updateSite);
        try {
            IArtifactRepository repository = manager.loadRepository(updateSite, new NullProgressMonitor());
            IArtifactKey key = repository.createArtifactKey("osgi.bundle", symbolicName, Version.create(version));
            IArtifactDescriptor[] descriptors = repository.getArtifactDescriptors(key);
            if (descriptors.length == 0) {
                throw new ModuleException(ModuleStatus.NOT_FOUND,
                        "the update site " + updateSite + " has no module " + symbolicName + " " + version);
            }
            IStatus status;
            try (OutputStream out = bounded(Files.newOutputStream(target), maxBytes)) {
                status = repository.getArtifact(descriptors[0], out, new NullProgressMonitor());
            }
            if (!status.isOK() && status.getSeverity() != IStatus.INFO && status.getSeverity() != IStatus.WARNING) {
                throw new ModuleException(ModuleStatus.FAILED,
                        "cannot fetch " + symbolicName + " " + version + ": " + status.getMessage());
            }
        } catch (ProvisionException e) {
            throw new ModuleException(ModuleStatus.NOT_FOUND,
                    "cannot read the module update site " + updateSite + ": " + e.getStatus().getMessage(), e);
        } catch (IOException e) {
            throw new ModuleException(ModuleStatus.FAILED, "cannot store the fetched module: " + e.getMessage(), e);
        } finally {
            if (!known) {
                manager.removeRepository(updateSite);
            }
        }
    }

    private static OutputStream bounded(OutputStream out, long maxBytes) {
        return new FilterOutputStream(out) {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] { (byte) b }, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > maxBytes) {
                    throw new ModuleException(ModuleStatus.TOO_LARGE, "the module is larger than " + maxBytes + " bytes");
                }
                out.write(b, off, len);
            }
        };
    }

    private IProvisioningAgent agent() {
        if (agent == null) {
            try {
                Files.createDirectories(Path.of(agentLocation));
                agent = agentProvider.createAgent(agentLocation);
            } catch (ProvisionException | IOException e) {
                throw new ModuleException(ModuleStatus.FAILED, "cannot start the p2 agent: " + e.getMessage(), e);
            }
        }
        return agent;
    }
}
