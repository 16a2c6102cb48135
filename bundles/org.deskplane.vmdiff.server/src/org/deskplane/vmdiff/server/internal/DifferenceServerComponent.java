package org.deskplane.vmdiff.server.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;
import org.deskplane.vmdiff.api.DifferenceServer;
import org.deskplane.vmdiff.api.DifferenceSource;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.RunLease;
import org.deskplane.vmdiff.api.RunLeases;
import org.deskplane.vmdiff.store.DeltaPull;
import org.deskplane.vmdiff.store.DifferenceCopy;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The server's copy of VM differences and its run leases, as one service. */
@Component(service = { DifferenceServer.class, RunLeases.class }, configurationPid = DifferenceServerComponent.PID,
        property = "vmdiff.server=local")
@Designate(ocd = DifferenceServerComponent.Config.class)
public final class DifferenceServerComponent implements DifferenceServer, RunLeases {
    public static final String PID = "org.deskplane.vmdiff.server";
    private static final Logger LOG = Logger.getLogger(DifferenceServerComponent.class.getName());

    @ObjectClassDefinition(name = "Deskplane VM differences (server)")
    public @interface Config {
        @AttributeDefinition(description = "Folder of the server's copy; empty: <deskplane.data>/vmdiff")
        String dataDirectory() default "";
    }

    private DifferenceCopy copy;
    private LeaseTable leases;

    @Activate
    void activate(BundleContext context, Config config) throws IOException {
        Path root = config.dataDirectory().isBlank()
                ? Path.of(context.getProperty("deskplane.data") == null ? "data" : context.getProperty("deskplane.data"), "vmdiff")
                : Path.of(config.dataDirectory());
        Files.createDirectories(root);
        copy = new DifferenceCopy(root, "server");
        leases = new LeaseTable(root.resolve("leases.properties"));
        LOG.info("VM differences: server copy in " + root);
    }

    @Deactivate
    void deactivate() throws IOException {
        copy.close();
    }

    @Override
    public DifferenceSource copy() {
        return copy;
    }

    @Override
    public String installBase(Path image, String format, String expectedSha256) throws DifferenceException {
        try {
            return copy.installBase(image, format, expectedSha256);
        } catch (IOException e) {
            throw new DifferenceException(Kind.NOT_FOUND, "the base image " + image + " could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public java.util.List<org.deskplane.vmdiff.api.BaseImage> bases() throws IOException {
        return copy.bases();
    }

    @Override
    public java.util.List<byte[]> baseBlocks(String sha256) throws IOException {
        try {
            return copy.baseBlocks(sha256);
        } catch (DifferenceException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void readBase(String sha256, long offset, java.nio.ByteBuffer dst) throws IOException {
        try {
            copy.readBase(sha256, offset, dst);
        } catch (DifferenceException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public RunLeases leases() {
        return this;
    }

    @Override
    public Generation accept(DifferenceSource host, RunLease lease) throws DifferenceException {
        if (!leases.isCurrent(lease)) {
            throw new DifferenceException(Kind.LEASE_HELD, host.location() + " pushed " + lease.vm() + " with a lease that is not current ("
                    + leases.current(lease.vm()).map(l -> "held by " + l.holder()).orElse("free") + "): refused");
        }
        try {
            synchronized (this) {
                return DeltaPull.pull(host, copy, lease.vm(), DeltaPull.Progress.NONE).generation();
            }
        } catch (IOException e) {
            throw new DifferenceException(Kind.UNREACHABLE, "pulling " + lease.vm() + " from " + host.location() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public RunLease acquire(String vm, String holder) throws DifferenceException {
        return leases.acquire(vm, holder);
    }

    @Override
    public void release(RunLease lease) throws DifferenceException {
        leases.release(lease);
    }

    @Override
    public boolean isCurrent(RunLease lease) {
        return leases.isCurrent(lease);
    }

    @Override
    public java.util.Optional<RunLease> current(String vm) {
        return leases.current(vm);
    }

    @Override
    public void requestRelease(String vm, String requester) throws DifferenceException {
        leases.requestRelease(vm, requester);
    }

    @Override
    public java.util.Optional<String> releaseRequest(String vm) {
        return leases.releaseRequest(vm);
    }
}
