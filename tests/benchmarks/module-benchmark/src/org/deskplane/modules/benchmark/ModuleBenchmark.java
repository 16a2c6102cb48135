package org.deskplane.modules.benchmark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.Hashtable;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.HostChannel;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.modules.agent.api.ModuleRequester;
import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModulePolicies;
import org.deskplane.modules.api.ModuleTrust;
import org.deskplane.modules.api.PolicyRule;
import org.deskplane.modules.testing.ModuleJar;
import org.deskplane.modules.testing.Signing;
import org.deskplane.modules.wire.ModuleAnswer;
import org.deskplane.print.testing.KnownVms;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Query round-trip latency guest → host through the real channel, in one framework: the agent's ModuleRequester →
 * the agent channel over a Unix socket → the host channel → the bridge (VM lookup in hypervisor metadata, answer
 * encoding) → a module host that answers at once. Also through the guest's loopback control endpoint (the path of
 * the deskplane-module tool, minus its JVM start). Prints a table; asserts nothing.
 */
class ModuleBenchmark {
    static final int QUERIES = Integer.getInteger("bench.queries", 1000);
    final BundleContext context = FrameworkUtil.getBundle(ModuleBenchmark.class).getBundleContext();

    @Test
    void queryRoundTrips() throws Exception {
        String vmId = UUID.randomUUID().toString();
        KnownVms vms = new KnownVms("bench");
        vms.add(vmId, "bench-desk", Map.of("owner", "alice", "module.image", "bench-image"));
        context.registerService(HypervisorConnection.class, vms, new Hashtable<>(Map.of(HypervisorConnection.ID_PROPERTY, "bench")));
        // the real host, trust store, isolated runtime and audit log: the test CA is trusted, the VM may do anything
        ModuleTrust trust = service(ModuleTrust.class, null);
        if (trust.trusted().isEmpty()) {
            trust.add("deskplane-test-ca", Files.readAllBytes(Signing.testCaCertificate()));
        }
        service(ModulePolicies.class, null).put(new PolicyRule("bench", 1, Set.of(vmId), Set.of("*"), Set.of(), Set.of(),
                Set.of(), true));
        service(ModuleHost.class, null);
        ConfigurationAdmin cm = service(ConfigurationAdmin.class, null);
        HostChannel host = service(HostChannel.class, null);
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "dpmb");
        Path socket = dir.resolve("agents.sock");
        configure(cm, "org.deskplane.channel.listener", Map.of("socketPath", socket.toString()));
        await(() -> Files.exists(socket));
        Path key = dir.resolve("agent.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(host.provisionSecret(vmId)) + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        configure(cm, "org.deskplane.channel.agent", Map.of("vmId", vmId, "keyFile", key.toString(), "socketPath", socket.toString()));
        ChannelPeer guest = service(ChannelPeer.class, "(deskplane.channel.peer=host)");
        await(guest::isConnected);
        ModuleRequester requester = service(ModuleRequester.class, null);
        Path work = Files.createTempDirectory(Path.of("/tmp"), "dpmb-jars");
        Path scan = Signing.sign(new ModuleJar("org.example.scan", "1.2.0").withPadding(4096, 1)
                .writeTo(work.resolve("scan.jar")), Signing.trustedSigner());
        if (!requester.upload(scan).ok()) {
            throw new IllegalStateException("could not upload the queried module");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        configure(cm, "org.deskplane.modules.agent", Map.of("port", port));
        int controlPort = port;
        await(() -> localQuery(controlPort).startsWith("DPMOD/1 OK"));

        for (int i = 0; i < 200; i++) { // warm-up: JIT, first frames
            check(requester.query("org.example.scan", "[1.0,2.0)"));
        }
        long[] service = new long[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            long t0 = System.nanoTime();
            ModuleAnswer a = requester.query("org.example.scan", "[1.0,2.0)");
            service[i] = System.nanoTime() - t0;
            check(a);
        }
        for (int i = 0; i < 50; i++) {
            localQuery(controlPort);
        }
        long[] local = new long[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            long t0 = System.nanoTime();
            String line = localQuery(controlPort);
            local[i] = System.nanoTime() - t0;
            if (!line.startsWith("DPMOD/1 OK")) {
                throw new IllegalStateException(line);
            }
        }
        // upload + verify + load of a 5 MB signed module, as the guest does it: each run a new version
        int runs = Integer.getInteger("bench.uploads", 10);
        long[] uploads = new long[runs];
        long size = 0;
        for (int i = 0; i <= runs; i++) { // run 0 warms up
            String version = "1.0." + i;
            Path jar = Signing.sign(new ModuleJar("org.example.big", version).withPadding(5 * 1024 * 1024, i)
                    .writeTo(work.resolve("big-" + i + ".jar")), Signing.trustedSigner());
            size = Files.size(jar);
            long t0 = System.nanoTime();
            ModuleAnswer stored = requester.upload(jar);
            ModuleAnswer loaded = requester.load("org.example.big", version);
            long took = System.nanoTime() - t0;
            if (!stored.ok() || !loaded.ok()) {
                throw new IllegalStateException(stored.status() + " " + stored.message() + " / " + loaded.status() + " "
                        + loaded.message());
            }
            requester.unload("org.example.big", version);
            if (i > 0) {
                uploads[i - 1] = took;
            }
        }
        StringBuilder report = new StringBuilder("\n== Deskplane extension module channel benchmark ==\n");
        report.append(String.format(Locale.ROOT, "machine: %d cores, Java %s; %d queries each, after warm-up%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), QUERIES));
        report.append(row("ModuleRequester.query → channel → bridge → host → answer", service));
        report.append(row("loopback control endpoint (deskplane-module's path, no JVM start)", local));
        report.append(String.format(Locale.ROOT, "%d runs, signed jar of %d bytes:%n", runs, size));
        report.append(row("upload (channel stream) + verify + store + load, 5 MB module", uploads));
        System.out.println(report);
        String out = System.getProperty("bench.report");
        if (out != null) {
            Files.writeString(Path.of(out), report.toString());
        }
    }

    private static void check(ModuleAnswer a) {
        if (!a.ok() || a.query().matching().isEmpty()) {
            throw new IllegalStateException(a.status() + ": " + a.message());
        }
    }

    private static String row(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%-70s p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms%n", what,
                ms(s, 0.50), ms(s, 0.90), ms(s, 0.99), s[s.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** One query over the control endpoint's line protocol; returns the response line. */
    private static String localQuery(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = s.getOutputStream();
            out.write("DPMOD/1 query org.example.scan [1.0,2.0)\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.shutdownOutput();
            byte[] all = new BufferedInputStream(s.getInputStream()).readAllBytes();
            String text = new String(all, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            return nl < 0 ? text : text.substring(0, nl);
        } catch (IOException e) {
            return "no answer: " + e.getMessage();
        }
    }

    private static void configure(ConfigurationAdmin cm, String pid, Map<String, Object> values) throws IOException {
        Configuration c = cm.getConfiguration(pid, "?");
        c.update(new Hashtable<>(values));
    }

    private <T> T service(Class<T> type, String filter) throws Exception {
        ServiceTracker<T, T> tracker = filter == null ? new ServiceTracker<>(context, type, null)
                : new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"), null);
        tracker.open();
        T s = tracker.waitForService(30_000);
        if (s == null) {
            throw new IllegalStateException(type.getSimpleName() + " did not appear");
        }
        return s;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check check) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("timed out");
    }
}
