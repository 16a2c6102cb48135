package org.deskplane.print.agent.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.deskplane.channel.api.HostChannel;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.print.api.PrinterDriver;
import org.deskplane.print.convert.DocumentConverter;
import org.deskplane.print.routing.PrintRouter;
import org.deskplane.print.testing.KnownVms;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.EventAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Host and guest in this one framework, joined by the real channel over a Unix socket: the host listens, the agent
 * connects with a provisioned secret; the host's print bridge (org.deskplane.print.channel) answers the guest's
 * virtual printer (org.deskplane.print.agent, listening on a free loopback port); behind the bridge a
 * {@link DirectRouter} hands jobs to the real PDF directory driver. The VM is known to the host with owner and pool.
 */
final class PrintRig implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final String OWNER = "alice";
    static final String POOL = "finance";

    final BundleContext context = FrameworkUtil.getBundle(PrintRig.class).getBundleContext();
    final String vmId = UUID.randomUUID().toString();
    final Path dir;
    final Path pdfDir;
    final Path spoolDir;
    final int port;
    final HostChannel host;
    final DirectRouter router;
    private final ConfigurationAdmin cm;
    private final Configuration listener;
    private final Configuration pdf;
    private final Configuration printer;
    private Configuration agent;
    private final Path keyFile;
    private final ServiceRegistration<HypervisorConnection> vms;
    private ServiceRegistration<PrintRouter> routerRegistration;

    PrintRig() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "dppa");
        pdfDir = Files.createDirectories(dir.resolve("pdf"));
        spoolDir = dir.resolve("spool");
        cm = service(ConfigurationAdmin.class, null);
        host = service(HostChannel.class, null);
        KnownVms known = new KnownVms("test");
        known.add(vmId, "desk-1", Map.of("owner", OWNER, "pool", POOL));
        vms = context.registerService(HypervisorConnection.class, known,
                new Hashtable<>(Map.of(HypervisorConnection.ID_PROPERTY, "test")));
        pdf = cm.getConfiguration("org.deskplane.print.pdf", "?");
        pdf.update(new Hashtable<>(Map.of("directory", pdfDir.toString(), "reserveBytes", 0L)));
        await("the PDF driver writes to " + pdfDir, () -> {
            PrinterDriver d = service(PrinterDriver.class, "(print.driver=pdf)");
            return d.printers().get(0).acceptingJobs() && pdfDriverConfigured();
        });
        router = new DirectRouter(service(PrinterDriver.class, "(print.driver=pdf)"),
                List.of(service(DocumentConverter.class, "(" + DocumentConverter.SOURCE_FORMAT + "=image/pwg-raster)"),
                        service(DocumentConverter.class, "(" + DocumentConverter.SOURCE_FORMAT + "=image/jpeg)")),
                service(EventAdmin.class, null));
        routerRegistration = context.registerService(PrintRouter.class, router, null);
        Path socket = dir.resolve("agents.sock");
        listener = cm.getConfiguration("org.deskplane.channel.listener", "?");
        listener.update(new Hashtable<>(Map.of("socketPath", socket.toString())));
        await("the listener socket exists", () -> Files.exists(socket));
        keyFile = dir.resolve("agent.key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(host.provisionSecret(vmId)) + "\n",
                StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        port = freePort();
        printer = cm.getConfiguration("org.deskplane.print.agent", "?");
        printer.update(new Hashtable<>(Map.of("port", port, "spoolDirectory", spoolDir.toString(), "retrySeconds", 1)));
        startAgent();
        await("the virtual printer offers " + printerId(), () -> new IppClient(this).printerAttributes(printerId()).ok());
    }

    private boolean pdfDriverConfigured() throws Exception {
        Configuration c = cm.getConfiguration("org.deskplane.print.pdf", "?");
        return c.getProperties() != null;
    }

    String printerId() {
        return "pdf.pdf";
    }

    String printerUri() {
        return "ipp://127.0.0.1:" + port + "/ipp/print/" + printerId();
    }

    void startAgent() throws IOException {
        agent = cm.getConfiguration("org.deskplane.channel.agent", "?");
        agent.update(new Hashtable<>(Map.of("vmId", vmId, "keyFile", keyFile.toString(), "socketPath",
                dir.resolve("agents.sock").toString())));
        await("the agent is connected", () -> host.agent(vmId).isConnected());
    }

    /** Ends the agent's channel as a crash of the link would: the host sees the VM disconnected. */
    void stopAgent() throws IOException {
        agent.delete();
        agent = null;
        await("the host sees the agent gone", () -> !host.agent(vmId).isConnected());
    }

    void unregisterRouter() {
        routerRegistration.unregister();
        routerRegistration = null;
    }

    @Override
    public void close() throws Exception {
        if (agent != null) {
            agent.delete();
        }
        if (routerRegistration != null) {
            routerRegistration.unregister();
        }
        vms.unregister();
        printer.delete();
        listener.delete();
        pdf.delete();
    }

    <T> T service(Class<T> type, String filter) throws Exception {
        ServiceTracker<T, T> tracker = filter == null ? new ServiceTracker<>(context, type, null)
                : new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"), null);
        tracker.open();
        T s = tracker.waitForService(DEADLINE.toMillis());
        assertNotNull(s, type.getSimpleName() + " " + (filter == null ? "" : filter) + " did not appear within " + DEADLINE);
        return s;
    }

    /**
     * A free port below Linux's ephemeral range (32768 and up): a client polling a port of that range while nothing
     * listens can be given that very port for its own end and connect to itself, which then keeps the server out.
     */
    static int freePort() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int tries = 0; tries < 200; tries++) {
            int port = 20_000 + random.nextInt(12_000);
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (java.net.BindException busy) {
                // try another
            }
        }
        throw new IOException("no free port between 20000 and 32000");
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls {@code check} until it holds (exceptions count as "not yet") or the deadline passes. */
    static void await(String what, Check check) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("timed out after " + DEADLINE + " waiting for: " + what + (last == null ? "" : " (last: " + last + ")"));
    }
}
