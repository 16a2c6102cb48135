package org.deskplane.print.agent.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.channel.api.ChannelListener;
import org.deskplane.channel.api.ChannelMessage;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.print.wire.JobInfo;
import org.deskplane.print.wire.PrintWire;
import org.deskplane.print.wire.WireException;
import org.deskplane.print.wire.WireReader;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Runs the guest's virtual printers: the IPP server on the loopback, the printers the host offers, the spool that
 * survives drops and restarts. Listens to the channel for the host's notifications; the host's channel peer may come
 * and go (dynamic): without it, printers stay as last known and jobs wait in the spool.
 */
@Component(service = ChannelListener.class, immediate = true, configurationPid = GuestPrinterComponent.PID)
@Designate(ocd = GuestPrinterComponent.Config.class)
public final class GuestPrinterComponent implements ChannelListener {
    public static final String PID = "org.deskplane.print.agent";
    private static final Logger LOG = Logger.getLogger(GuestPrinterComponent.class.getName());

    @ObjectClassDefinition(name = "Deskplane guest virtual printer")
    public @interface Config {
        @AttributeDefinition(description = "TCP port of the IPP server (8631: beside a guest cupsd on 631); 0 = any free port")
        int port() default 8631;

        @AttributeDefinition(description = "Address to listen on; loopback only, so only this guest can print")
        String address() default "127.0.0.1";

        @AttributeDefinition(description = "Directory of documents not yet confirmed by the host; empty: <deskplane.data or java.io.tmpdir>/print-spool")
        String spoolDirectory() default "";

        @AttributeDefinition(description = "Jobs remembered for IPP clients")
        int maxJobs() default 500;

        @AttributeDefinition(description = "Concurrent IPP connections")
        int maxConnections() default 16;

        @AttributeDefinition(description = "Seconds between resends of unconfirmed jobs, status polls, printer refreshes and tries to take a busy port")
        int retrySeconds() default 2;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(deskplane.channel.peer=host)")
    private volatile ChannelPeer hostPeer;

    private final long started = System.nanoTime();
    private PrinterCatalog catalog;
    private JobTable jobs;
    private Uploader uploader;
    private HostLink host;
    private HttpServer server;
    private ScheduledExecutorService background;

    @Activate
    void activate(BundleContext context, Config config) throws IOException {
        host = new HostLink(() -> hostPeer);
        catalog = new PrinterCatalog(host, this::upSeconds);
        jobs = new JobTable(config.maxJobs());
        uploader = new Uploader(host, new SpoolDir(spoolDirectory(context, config)), jobs, this::upSeconds);
        IppService ipp = new IppService(catalog, jobs, uploader, host, this::upSeconds);
        int every = Math.max(1, config.retrySeconds());
        server = new HttpServer(config.address(), config.port(), config.maxConnections(), every * 1000L, ipp);
        ipp.authority(config.address() + ":" + server.port());
        background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deskplane-print-agent");
            t.setDaemon(true);
            return t;
        });
        background.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.SECONDS);
        LOG.info("virtual printers at ipp://" + config.address() + ":" + server.port() + IppService.PATH_PREFIX + "<id>");
    }

    /** The port the IPP server listens on (for tests and logs). */
    public int port() {
        return server.port();
    }

    private long upSeconds() {
        return 1 + (System.nanoTime() - started) / 1_000_000_000L;
    }

    static Path spoolDirectory(BundleContext context, Config config) {
        if (!config.spoolDirectory().isBlank()) {
            return Path.of(config.spoolDirectory());
        }
        String data = context.getProperty("deskplane.data");
        Path base = data == null || data.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "deskplane") : Path.of(data);
        return base.resolve("print-spool");
    }

    /** Periodic work: printers (when still unknown), resends, and the state of jobs the host has not ended. */
    private void tick() {
        try {
            if (!host.connected()) {
                return;
            }
            if (catalog.printers().isEmpty()) {
                catalog.refresh();
            }
            uploader.resendPending();
            List<String> open = jobs.all().stream().filter(j -> j.atHost() && !j.terminal()).map(j -> j.key)
                    .limit(PrintWire.MAX_STATUS_IDS).toList();
            if (!open.isEmpty()) {
                host.status(open).forEach(this::jobChanged);
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "print agent background work: " + e.getMessage());
        }
    }

    @Override
    public void sessionUp(ChannelPeer peer) {
        ScheduledExecutorService b = background;
        if (b != null && !b.isShutdown()) {
            b.execute(() -> {
                catalog.refresh();
                uploader.resendPending();
            });
        }
    }

    @Override
    public void eventReceived(ChannelPeer peer, ChannelMessage event) {
        try {
            if (PrintWire.PRINTERS_CHANGED.equals(event.messageType())) {
                ScheduledExecutorService b = background;
                if (b != null && !b.isShutdown()) {
                    b.execute(catalog::refresh);
                }
            } else if (PrintWire.JOB_CHANGED.equals(event.messageType())) {
                WireReader r = WireReader.of(event.body());
                JobInfo info = JobInfo.read(r);
                r.end();
                jobChanged(info);
            }
        } catch (WireException e) {
            LOG.log(Level.FINE, "ignored a malformed " + event.messageType() + ": " + e.getMessage());
        }
    }

    private void jobChanged(JobInfo info) {
        jobs.byKey(info.id()).ifPresent(job -> job.update(info, upSeconds()));
    }

    @Deactivate
    void deactivate() {
        background.shutdownNow();
        server.close();
    }
}
