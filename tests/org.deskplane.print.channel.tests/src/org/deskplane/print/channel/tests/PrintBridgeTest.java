package org.deskplane.print.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.ChannelStream;
import org.deskplane.channel.api.HostChannel;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintOptions;
import org.deskplane.print.routing.PrintRouter;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.print.wire.Answer;
import org.deskplane.print.wire.JobHeader;
import org.deskplane.print.wire.JobInfo;
import org.deskplane.print.wire.PrintWire;
import org.deskplane.print.wire.PrinterList;
import org.deskplane.print.wire.WireReader;
import org.deskplane.print.wire.WireWriter;
import org.deskplane.print.testing.KnownVms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The host bridge over the real channel: the agent-side peer (as the guest's virtual printer would) sends print
 * requests and submit streams; the bridge must take who prints from the hypervisor's metadata, answer clearly when
 * there is no router, and refuse what is out of bounds.
 */
class PrintBridgeTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final BundleContext context = FrameworkUtil.getBundle(PrintBridgeTest.class).getBundleContext();
    /**
     * One guest for the whole class: deleting the channel's listener configuration and making it again for every test
     * sometimes left the listener down (its socket never appeared), a flake of the set-up, not of the bridge.
     */
    private static final String vmId = UUID.randomUUID().toString();
    private static Configuration listener;
    private static Configuration agent;
    private static ChannelPeer guest;
    private final KnownVms vms = new KnownVms("test");
    private final RecordingRouter router = new RecordingRouter();
    private ServiceRegistration<HypervisorConnection> vmsRegistration;
    private ServiceRegistration<PrintRouter> routerRegistration;

    @BeforeEach
    void registerVmAndRouter() throws Exception {
        vms.add(vmId, "desk-7", Map.of("owner", "alice", "pool", "finance"));
        vmsRegistration = context.registerService(HypervisorConnection.class, vms,
                new Hashtable<>(Map.of(HypervisorConnection.ID_PROPERTY, "test")));
        routerRegistration = context.registerService(PrintRouter.class, router, null);
        await(() -> guest.isConnected());
    }

    @org.junit.jupiter.api.BeforeAll
    static void connect() throws Exception {
        ConfigurationAdmin cm = service(ConfigurationAdmin.class, null);
        HostChannel host = service(HostChannel.class, null);
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "dppc");
        Path socket = dir.resolve("agents.sock");
        listener = cm.getConfiguration("org.deskplane.channel.listener", "?");
        listener.update(new Hashtable<>(Map.of("socketPath", socket.toString())));
        await(() -> Files.exists(socket));
        Path key = dir.resolve("agent.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(host.provisionSecret(vmId)) + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        agent = cm.getConfiguration("org.deskplane.channel.agent", "?");
        agent.update(new Hashtable<>(Map.of("vmId", vmId, "keyFile", key.toString(), "socketPath", socket.toString())));
        guest = service(ChannelPeer.class, "(deskplane.channel.peer=host)");
        await(() -> guest.isConnected());
    }

    @AfterEach
    void unregisterVmAndRouter() {
        if (routerRegistration != null) {
            routerRegistration.unregister();
        }
        vmsRegistration.unregister();
    }

    @org.junit.jupiter.api.AfterAll
    static void disconnect() throws Exception {
        if (agent != null) {
            agent.delete();
        }
        if (listener != null) {
            listener.delete();
        }
    }

    @Test
    void whoPrintsComesFromTheHostNotFromTheGuest() throws Exception {
        JobInfo job = JobInfo.read(Answer.read(submit(header("mallory", "pdf-viewer"), "%PDF-1.4 hello".getBytes())));
        assertEquals(SpoolState.SPOOLED, job.state());
        PrintingContext ctx = router.contexts.get(router.contexts.size() - 1);
        assertEquals(new PrintingContext("test", vmId, "desk-7", "finance", "alice"), ctx);
        PrintJobRequest request = router.requests.get(0);
        // the guest's claims are kept as the origin, for the record only
        assertEquals(new PrintJobRequest.Origin("mallory", "test:" + vmId, "pdf-viewer"), request.origin());
        assertEquals(14, job.bytes());
    }

    @Test
    void printersComeFromTheRouterForThisVm() throws Exception {
        WireReader r = Answer.read(request(PrintWire.PRINTERS, WireWriter.body().toBytes()));
        assertEquals(List.of(RecordingRouter.PRINTER.id()), PrinterList.read(r).stream().map(p -> p.id()).toList());
        assertEquals("alice", router.contexts.get(0).user());
    }

    @Test
    void withoutRouterPrintingIsUnavailable() throws Exception {
        routerRegistration.unregister();
        routerRegistration = null;
        Answer.Refused refused = assertThrows(Answer.Refused.class,
                () -> Answer.read(request(PrintWire.PRINTERS, WireWriter.body().toBytes())));
        assertEquals(PrintWire.UNAVAILABLE, refused.code());
        assertTrue(refused.getMessage().contains("unavailable"), refused.getMessage());
        Answer.Refused onSubmit = assertThrows(Answer.Refused.class,
                () -> Answer.read(submit(header("bob", ""), "%PDF-1.4".getBytes())));
        assertEquals(PrintWire.UNAVAILABLE, onSubmit.code());
    }

    @Test
    void vmWithoutOwnerMayNotPrint() throws Exception {
        vms.add(vmId, "desk-7", Map.of("pool", "finance"));
        Answer.Refused refused = assertThrows(Answer.Refused.class,
                () -> Answer.read(submit(header("alice", ""), "%PDF-1.4".getBytes())));
        assertEquals("denied", refused.code());
        assertTrue(router.requests.isEmpty(), "nothing reached the router");
    }

    @Test
    void jobsOfOtherVmsAreNotVisible() throws Exception {
        PrintingContext other = new PrintingContext("test", UUID.randomUUID().toString(), "other", "", "carol");
        router.jobs.put("foreign", new SpooledJob("foreign", other, "test.office",
                PrintJobRequest.of("application/pdf", "x").withIdempotencyKey("foreign"), 1, "", SpoolState.PRINTING,
                "", 0, null, Instant.now(), Instant.now()));
        WireReader r = Answer.read(request(PrintWire.STATUS, WireWriter.body().count(1).str("foreign").toBytes()));
        assertTrue(JobInfo.readList(r).isEmpty());
        Answer.Refused refused = assertThrows(Answer.Refused.class,
                () -> Answer.read(request(PrintWire.CANCEL, WireWriter.body().str("foreign").toBytes())));
        assertEquals("not_found", refused.code());
    }

    @Test
    void outOfBoundsMessagesAreRefused() throws Exception {
        // another version
        Answer.Refused version = assertThrows(Answer.Refused.class,
                () -> Answer.read(request(PrintWire.PRINTERS, new byte[] {2})));
        assertEquals(PrintWire.UNSUPPORTED_VERSION, version.code());
        // bytes after the message
        assertEquals(PrintWire.INVALID, assertThrows(Answer.Refused.class,
                () -> Answer.read(request(PrintWire.PRINTERS, new byte[] {1, 0}))).code());
        // too many job ids
        WireWriter many = WireWriter.body().count(PrintWire.MAX_STATUS_IDS + 1);
        for (int i = 0; i <= PrintWire.MAX_STATUS_IDS; i++) {
            many.str("j" + i);
        }
        assertEquals(PrintWire.INVALID, assertThrows(Answer.Refused.class,
                () -> Answer.read(request(PrintWire.STATUS, many.toBytes()))).code());
        // a list count larger than the bytes that follow
        assertEquals(PrintWire.INVALID, assertThrows(Answer.Refused.class,
                () -> Answer.read(request(PrintWire.STATUS, new byte[] {1, 0, 5, 0, 1, 'a'}))).code());
        // a job header longer than allowed, refused before it is read
        try (ChannelStream stream = guest.openStream(PrintWire.SUBMIT)) {
            new DataOutputStream(stream.output()).writeInt(PrintWire.MAX_HEADER + 1);
            stream.output().flush();
            assertEquals(PrintWire.INVALID, assertThrows(Answer.Refused.class, () -> Answer.read(answer(stream))).code());
        }
        // a bad idempotency key
        JobHeader badKey = new JobHeader("../../etc", "test.office", "application/pdf", "", "", "", -1, PrintOptions.DEFAULTS);
        assertEquals(PrintWire.INVALID, assertThrows(Answer.Refused.class,
                () -> Answer.read(submit(badKey, new byte[0]))).code());
        assertTrue(router.requests.isEmpty(), "nothing reached the router");
    }

    private JobHeader header(String user, String application) {
        return new JobHeader(UUID.randomUUID().toString(), RecordingRouter.PRINTER.id(), "application/pdf", "report",
                user, application, -1, PrintOptions.DEFAULTS);
    }

    private byte[] submit(JobHeader header, byte[] document) throws Exception {
        try (ChannelStream stream = guest.openStream(PrintWire.SUBMIT)) {
            DataOutputStream out = new DataOutputStream(stream.output());
            byte[] h = header.toBytes();
            out.writeInt(h.length);
            out.write(h);
            out.write(document);
            out.close();
            return answer(stream);
        }
    }

    private static byte[] answer(ChannelStream stream) throws Exception {
        DataInputStream in = new DataInputStream(stream.input());
        int length = in.readInt();
        return in.readNBytes(length);
    }

    private byte[] request(String type, byte[] body) throws Exception {
        return guest.request(type, body).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static <T> T service(Class<T> type, String filter) throws Exception {
        ServiceTracker<T, T> tracker = filter == null ? new ServiceTracker<>(context, type, null)
                : new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"), null);
        tracker.open();
        T s = tracker.waitForService(DEADLINE.toMillis());
        assertNotNull(s, type.getSimpleName() + " did not appear");
        return s;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check check) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(20);
        }
        fail("timed out");
    }
}
