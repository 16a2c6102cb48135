package org.deskplane.modules.channel.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.ChannelStream;
import org.deskplane.channel.api.HostChannel;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.modules.agent.api.ModuleRequester;
import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.Verb;
import org.deskplane.modules.wire.ModuleAnswer;
import org.deskplane.modules.wire.ModuleWire;
import org.deskplane.modules.wire.UploadHeader;
import org.deskplane.print.testing.KnownVms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Extension modules over the real channel, in one framework: the guest side (the agent's ModuleRequester, its
 * loopback control endpoint and the deskplane-module CLI) → the agent's channel over a Unix socket → the host's
 * channel → the bridge (org.deskplane.modules.channel) → a recording ModuleHost.
 */
class ModuleChannelTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final BundleContext context = FrameworkUtil.getBundle(ModuleChannelTest.class).getBundleContext();
    private static final String vmId = UUID.randomUUID().toString();
    private static final KnownVms vms = new KnownVms("test");
    private static ServiceRegistration<HypervisorConnection> vmsRegistration;
    private static Configuration listener;
    private static Configuration agent;
    private static Configuration control;
    private static ChannelPeer guest;
    private static ModuleRequester requester;
    private static int controlPort;
    private RecordingModuleHost host;
    private ServiceRegistration<ModuleHost> hostRegistration;

    /**
     * One guest for the class: the channel listener, the agent and the control endpoint are configured once (deleting
     * and re-creating a configuration between tests raced with SCR and sometimes left the listener down).
     */
    @BeforeAll
    static void connect() throws Exception {
        vmsRegistration = context.registerService(HypervisorConnection.class, vms,
                new Hashtable<>(Map.of(HypervisorConnection.ID_PROPERTY, "test")));
        ConfigurationAdmin cm = service(ConfigurationAdmin.class, null);
        HostChannel hostChannel = service(HostChannel.class, null);
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "dpmc");
        Path socket = dir.resolve("agents.sock");
        listener = cm.getConfiguration("org.deskplane.channel.listener", "?");
        listener.update(new Hashtable<>(Map.of("socketPath", socket.toString())));
        await(() -> Files.exists(socket));
        Path key = dir.resolve("agent.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(hostChannel.provisionSecret(vmId)) + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        agent = cm.getConfiguration("org.deskplane.channel.agent", "?");
        agent.update(new Hashtable<>(Map.of("vmId", vmId, "keyFile", key.toString(), "socketPath", socket.toString())));
        guest = service(ChannelPeer.class, "(deskplane.channel.peer=host)");
        await(() -> guest.isConnected());
        requester = service(ModuleRequester.class, null);
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            controlPort = s.getLocalPort();
        }
        control = cm.getConfiguration("org.deskplane.modules.agent", "?");
        control.update(new Hashtable<>(Map.of("port", controlPort)));
        await(() -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), controlPort)) {
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    @AfterAll
    static void disconnect() throws Exception {
        for (Configuration c : new Configuration[] {control, agent, listener}) {
            if (c != null) {
                c.delete();
            }
        }
        if (vmsRegistration != null) {
            vmsRegistration.unregister();
        }
    }

    /** A fresh module host and the VM's usual metadata for every test. */
    @BeforeEach
    void hostUp() {
        vms.add(vmId, "desk-7", Map.of("owner", "alice", "module.image", "win11-office"));
        host = new RecordingModuleHost();
        hostRegistration = context.registerService(ModuleHost.class, host, null);
    }

    @AfterEach
    void hostDown() {
        if (hostRegistration != null) {
            hostRegistration.unregister();
        }
    }

    @Test
    void queryRoundTrip() {
        host.store.put("org.example.scan/1.5.0", RecordingModuleHost.module("org.example.scan", "1.5.0", ModuleState.LOADED));
        host.store.put("org.example.scan/2.0.0", RecordingModuleHost.module("org.example.scan", "2.0.0", ModuleState.STORED));
        ModuleAnswer found = requester.query("org.example.scan", "[1.0,2.0)");
        assertEquals("OK", found.status(), found.message());
        assertEquals("1.5.0", found.query().matching().get(0).version());
        assertEquals(ModuleState.LOADED, found.query().matching().get(0).state());
        assertEquals("2.0.0", found.query().others().get(0).version());
        assertEquals("QUERY org.example.scan [1.0,2.0)", host.calls.get(0));

        ModuleAnswer missing = requester.query("org.example.other", "");
        assertEquals(ModuleStatus.NOT_FOUND, missing.moduleStatus());
    }

    @Test
    void theRequesterComesFromTheVmMetadataNotFromTheGuest() {
        requester.query("org.example.scan", "");
        Requester who = host.requesters.get(0);
        assertEquals(Requester.guest(vmId, "win11-office", "alice"), who);
        assertEquals("channel:" + vmId, who.source());
        assertFalse(who.admin());

        // the host's metadata changes: the next request is someone else's, whatever the guest is
        vms.add(vmId, "desk-7", Map.of("owner", "bob"));
        requester.register("org.example.scan", "1.5.0");
        assertEquals(Requester.guest(vmId, vmId, "bob"), host.requesters.get(1), "no module.image: the image is the VM");
        assertEquals("registered for image " + vmId, requester.status(1).request().message());

        // no owner: refused by the bridge, the host is not even asked
        vms.add(vmId, "desk-7", Map.of());
        int before = host.calls.size();
        ModuleAnswer denied = requester.load("org.example.scan", "1.5.0");
        assertEquals(ModuleStatus.DENIED, denied.moduleStatus());
        assertTrue(denied.message().contains("no owner"), denied.message());
        assertEquals(before, host.calls.size());
    }

    @Test
    void deniedStatusPropagatesWithTheHostsMessage() {
        host.denied = Verb.LOAD;
        ModuleAnswer a = requester.load("org.example.scan", "1.5.0");
        assertEquals("DENIED", a.status());
        assertTrue(a.message().contains("may not LOAD org.example.scan/1.5.0"), a.message());
        assertEquals(ModuleStatus.NOT_WHITELISTED, requester.configure("org.other", "k", "v").moduleStatus());
    }

    @Test
    void chunkedUploadDeliversExactBytesAndSha() throws Exception {
        byte[] jar = new byte[3 * 1024 * 1024 + 17]; // several stream windows and frames
        new Random(6).nextBytes(jar);
        Path file = Files.createTempFile("module", ".jar");
        Files.write(file, jar);
        ModuleAnswer a = requester.upload(file);
        assertEquals("OK", a.status(), a.message());
        RecordingModuleHost.Upload upload = host.uploads.get(0);
        assertArrayEquals(jar, upload.bytes.toByteArray());
        assertEquals(sha256(jar), upload.sha256);
        assertEquals(jar.length, upload.size);
        assertTrue(upload.committed);
        assertEquals("org.example.scan", a.module().symbolicName());
        assertEquals(sha256(jar), a.module().sha256());
    }

    @Test
    void aStreamResetMidUploadClosesTheSessionWithoutCommit() throws Exception {
        ChannelStream stream = guest.openStream(ModuleWire.UPLOAD);
        OutputStream out = stream.output();
        new UploadHeader(1_000_000, "ab".repeat(32)).writeTo(out);
        out.write(new byte[100_000]);
        out.flush();
        await(() -> !host.uploads.isEmpty() && host.uploads.get(0).received() == 100_000);
        stream.reset("cancelled", "the guest went away");
        RecordingModuleHost.Upload upload = host.uploads.get(0);
        await(() -> upload.closed);
        assertFalse(upload.committed);
        assertTrue(host.store.isEmpty(), "nothing stored");
    }

    @Test
    void anUploadShorterOrLongerThanDeclaredIsClosedWithoutCommit() throws Exception {
        try (ChannelStream stream = guest.openStream(ModuleWire.UPLOAD)) {
            new UploadHeader(1000, "ab".repeat(32)).writeTo(stream.output());
            stream.output().write(new byte[10]);
            stream.output().close();
            ModuleAnswer a = ModuleAnswer.read(UploadHeader.readFrame(stream.input(), ModuleWire.MAX_ANSWER, "answer"));
            assertEquals(ModuleStatus.CHECKSUM_MISMATCH, a.moduleStatus());
            assertTrue(a.message().contains("10 of the 1000 bytes"), a.message());
        }
        try (ChannelStream stream = guest.openStream(ModuleWire.UPLOAD)) {
            new UploadHeader(10, "ab".repeat(32)).writeTo(stream.output());
            stream.output().write(new byte[11]);
            stream.output().close();
            ModuleAnswer a = ModuleAnswer.read(UploadHeader.readFrame(stream.input(), ModuleWire.MAX_ANSWER, "answer"));
            assertEquals(ModuleStatus.TOO_LARGE, a.moduleStatus());
        }
        assertEquals(2, host.uploads.size());
        host.uploads.forEach(u -> assertTrue(u.closed && !u.committed));
        // a wrong SHA-256 reaches the host's commit, which refuses it
        byte[] jar = "not really a jar".getBytes(StandardCharsets.UTF_8);
        ModuleAnswer wrong = requester.upload(new java.io.ByteArrayInputStream(jar), jar.length, "cd".repeat(32));
        assertEquals(ModuleStatus.CHECKSUM_MISMATCH, wrong.moduleStatus());
        assertTrue(host.store.isEmpty());
    }

    @Test
    void aJarThatCannotBeReadMidwayCancelsTheUpload() throws Exception {
        java.io.InputStream failing = new java.io.InputStream() {
            private int sent;

            @Override
            public int read() throws java.io.IOException {
                if (sent++ >= 70_000) {
                    throw new java.io.IOException("disk went away");
                }
                return 7;
            }
        };
        ModuleAnswer a = requester.upload(failing, 200_000, "ab".repeat(32));
        assertEquals(ModuleStatus.INVALID, a.moduleStatus());
        assertTrue(a.message().contains("disk went away"), a.message());
        await(() -> !host.uploads.isEmpty() && host.uploads.get(0).closed);
        assertFalse(host.uploads.get(0).committed);
        assertTrue(host.store.isEmpty());
    }

    @Test
    void withoutModuleHostTheAnswerIsUnavailable() throws Exception {
        hostRegistration.unregister();
        hostRegistration = null;
        ModuleAnswer a = requester.query("org.example.scan", "");
        assertEquals(ModuleWire.UNAVAILABLE, a.status());
        assertTrue(a.message().contains("not running"), a.message());
        byte[] jar = {1, 2, 3};
        assertEquals(ModuleWire.UNAVAILABLE, requester.upload(new java.io.ByteArrayInputStream(jar), 3, sha256(jar)).status());
    }

    @Test
    void malformedRequestsAreAnsweredInvalidAndNeverReachTheHost() throws Exception {
        byte[] answer = guest.request(ModuleWire.LOAD, new byte[] {1, 0, 2, '.', '.'}).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertEquals(ModuleStatus.INVALID, ModuleAnswer.read(answer).moduleStatus());
        byte[] other = guest.request(ModuleWire.QUERY, new byte[] {9}).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(ModuleAnswer.read(other).message().contains("version 9"));
        ModuleAnswer badName = requester.load("../../etc/passwd", "1.0");
        assertEquals(ModuleStatus.INVALID, badName.moduleStatus());
        assertTrue(host.calls.isEmpty(), "the host was not asked: " + host.calls);
    }

    @Test
    void theCliTalksToTheAgentsLocalEndpointOverTheChannel() throws Exception {
        host.store.put("org.example.scan/1.5.0", RecordingModuleHost.module("org.example.scan", "1.5.0", ModuleState.STORED));
        Cli query = cli("query", "org.example.scan", "[1.0,2.0)");
        assertEquals(0, query.exit, query.out);
        assertTrue(query.out.startsWith("OK: 1 matching version(s)"), query.out);
        assertTrue(query.out.contains("matching org.example.scan 1.5.0 STORED"), query.out);

        assertEquals(2, cli("query", "org.example.none").exit);

        byte[] jar = new byte[200_000];
        new Random(7).nextBytes(jar);
        Path file = Files.createTempFile("cli-module", ".jar");
        Files.write(file, jar);
        Cli upload = cli("upload", file.toString(), "--load", "--register");
        assertEquals(0, upload.exit, upload.out + upload.err);
        assertTrue(upload.out.contains("module org.example.scan 1.5.0"), upload.out);
        assertTrue(upload.out.contains("load OK") && upload.out.contains("register OK"), upload.out);
        assertArrayEquals(jar, host.uploads.get(0).bytes.toByteArray());
        assertTrue(host.calls.contains("LOAD org.example.scan/1.5.0") && host.calls.contains("REGISTER org.example.scan/1.5.0"),
                host.calls.toString());
        assertEquals(ModuleState.LOADED, host.store.get("org.example.scan/1.5.0").state());

        host.denied = Verb.UNLOAD;
        Cli denied = cli("unload", "org.example.scan", "1.5.0");
        assertEquals(3, denied.exit);
        assertTrue(denied.out.startsWith("DENIED: policy:"), denied.out);

        Cli status = cli("status", "1");
        assertEquals(0, status.exit, status.out);
        assertTrue(status.out.contains("requester user=alice image=win11-office"), status.out);

        assertEquals(1, cli("configure", "only-two", "args").exit);
        assertEquals(3, cli("configure", "org.other", "k", "v").exit, "NOT_WHITELISTED counts as denied");
    }

    @Test
    void theCliCallsVerbsThatProtocolModulesAdd() throws Exception {
        // a protocol module registers its own handler for its verb; the guest calls it as an ordinary request
        ServiceRegistration<MessageHandler> echo = context.registerService(MessageHandler.class,
                (request, from) -> CompletableFuture.completedFuture(
                        ("echo from " + from.vmId() + ": " + new String(request.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)),
                new Hashtable<>(Map.of(MessageHandler.MESSAGE_TYPE, "example.echo")));
        try {
            assertArrayEquals(("echo from " + vmId + ": hi").getBytes(StandardCharsets.UTF_8),
                    requester.call("example.echo", "hi".getBytes(StandardCharsets.UTF_8)));
            Cli call = cli("call", "example.echo", "--data", "hello world");
            assertEquals(0, call.exit, call.err);
            assertEquals("echo from " + vmId + ": hello world", call.out);
            assertEquals("OK", call.err.trim());
        } finally {
            echo.unregister();
        }
        Cli none = cli("call", "example.nobody-offers-this");
        assertEquals(2, none.exit, none.err);
        assertTrue(none.err.startsWith("NO_HANDLER"), none.err);
        ChannelException e = assertThrows(ChannelException.class, () -> requester.call("example.nobody-offers-this", new byte[0]));
        assertEquals(ChannelException.NO_HANDLER, e.code());
    }

    @Test
    void theCliSaysWhenTheAgentDoesNotAnswer() throws Exception {
        int port = controlPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            controlPort = s.getLocalPort();
        }
        try {
            Cli cli = cli("query", "x");
            assertEquals(1, cli.exit);
            assertTrue(cli.out.startsWith("UNAVAILABLE: the Deskplane agent does not answer"), cli.out);
        } finally {
            controlPort = port;
        }
    }

    private record Cli(int exit, String out, String err) {
    }

    /** Runs the CLI as the guest does: its own JVM, the agent bundle's jar as the whole class path. */
    private Cli cli(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", agentJar().toString(),
                "org.deskplane.modules.agent.cli.Main", "--port", Integer.toString(controlPort)));
        command.addAll(java.util.List.of(args));
        Path err = Files.createTempFile("cli", ".err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI ended");
        return new Cli(p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
    }

    /** Where the framework installed org.deskplane.modules.agent from: its jar (or class folder). */
    private Path agentJar() {
        for (org.osgi.framework.Bundle b : context.getBundles()) {
            if ("org.deskplane.modules.agent".equals(b.getSymbolicName())) {
                String location = b.getLocation().replaceFirst("^reference:", "").replaceFirst("^file:", "");
                java.util.List<Path> candidates = new java.util.ArrayList<>(java.util.List.of(Path.of(location)));
                for (String base : new String[] {context.getProperty("osgi.install.area"),
                        context.getProperty("osgi.configuration.area"), "file:" + System.getProperty("user.dir") + "/"}) {
                    if (base != null && base.startsWith("file:")) {
                        candidates.add(Path.of(base.substring(5)).resolve(location).normalize());
                    }
                }
                return candidates.stream().filter(Files::exists).findFirst()
                        .orElseThrow(() -> new AssertionError("agent bundle not found at " + candidates));
            }
        }
        throw new AssertionError("org.deskplane.modules.agent is not installed");
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
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
