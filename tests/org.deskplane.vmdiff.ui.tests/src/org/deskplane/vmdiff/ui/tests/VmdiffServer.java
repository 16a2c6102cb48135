package org.deskplane.vmdiff.ui.tests;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.deskplane.client.CertificateTrust;
import org.deskplane.client.ServerConnection;
import org.deskplane.client.ServerException;
import org.deskplane.client.ServerRest;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.qcow2.Qcow2Writer;
import org.deskplane.vmdiff.store.DifferenceCopy;
import org.deskplane.workbench.testing.ServerUnderTest;

/**
 * The real server product, started by the test itself because its data must be there before it starts: a fresh data
 * directory, the server copy ({@code <data>/vmdiff}, the server component's default folder) seeded with a base image
 * and one generation of a user VM through {@link DifferenceCopy#capture}, and a VM mobility host configured in the
 * server's own process (a Configuration Admin file: factory configuration {@code org.deskplane.vmdiff.host~ui-host}
 * on the demo's libvirt test-driver connection {@code demo-1}). Then the server is started, the test logs in as admin
 * with its certificate pinned, and waits until the vmdiff routes answer.
 */
final class VmdiffServer implements AutoCloseable {

    static final Duration DATA = Duration.ofSeconds(90);
    static final String VM = "ui-alice";
    static final String HOST = "ui-host";
    static final long BASE_SIZE = 4L << 20;

    private final Process process;
    private final ServerConnection admin;
    private final String fingerprint;
    private final String baseSha;
    private final Generation generation;

    private VmdiffServer(Process process, ServerConnection admin, String fingerprint, String baseSha,
            Generation generation) {
        this.process = process;
        this.admin = admin;
        this.fingerprint = fingerprint;
        this.baseSha = baseSha;
        this.generation = generation;
    }

    static String url() {
        return required("deskplane.test.serverUrl");
    }

    static String password() {
        return required("deskplane.test.adminPassword");
    }

    static String user() {
        return ServerUnderTest.setting("deskplane.test.adminUser", "admin");
    }

    private static String required(String key) {
        String value = ServerUnderTest.setting(key, null);
        if (value == null) {
            throw new IllegalStateException("set " + key + " (the test module's pom gives it)");
        }
        return value;
    }

    static VmdiffServer start() throws Exception {
        Path data = Path.of(required("deskplane.test.serverData"));
        deleteTree(data); // the seeded copy and the host's configuration must be the only ones
        Files.createDirectories(data);
        Path base = data.resolve("base-image.raw");
        byte[] bytes = new byte[(int) BASE_SIZE];
        new Random(42).nextBytes(bytes);
        Files.write(base, bytes);
        String sha;
        Generation generation;
        try (DifferenceCopy copy = new DifferenceCopy(data.resolve("vmdiff"), "server")) {
            sha = copy.installBase(base, "raw", null);
            generation = capture(copy, data, sha);
        }
        configureHost(data);

        ProcessBuilder launch = new ProcessBuilder(required("deskplane.test.serverScript"), "--data-dir", data.toString(),
                "--port", required("deskplane.test.serverPort"));
        launch.environment().put("DESKPLANE_JAVA_OPTS", "-Ddeskplane.admin.initialPassword=" + password()
                + " -Dfelix.cm.dir=" + data.resolve("cm"));
        launch.redirectErrorStream(true).redirectOutput(Path.of(required("deskplane.test.serverLog")).toFile());
        Process process = launch.start();
        try {
            URI url = URI.create(url());
            ServerUnderTest.awaitSignIn(url, Duration.ofSeconds(120));
            String fingerprint = ServerConnection.probeCertificate(url).sha256Fingerprint();
            ServerConnection admin = ServerConnection.login(url, CertificateTrust.pinned(fingerprint), user(),
                    password().toCharArray());
            VmdiffServer server = new VmdiffServer(process, admin, fingerprint, sha, generation);
            server.awaitReady();
            return server;
        } catch (Exception | Error e) {
            process.destroy();
            throw e;
        }
    }

    /** Generation 1 of {@link #VM}: a suspended VM (memory state) whose guest wrote two clusters. */
    private static Generation capture(DifferenceCopy copy, Path data, String sha) throws Exception {
        Path overlay = data.resolve("seed-overlay.qcow2");
        try (Qcow2Writer writer = Qcow2Writer.create(overlay, BASE_SIZE, 65536, copy.basePath(sha, "raw").toString(),
                "raw")) {
            byte[] cluster = new byte[65536];
            Arrays.fill(cluster, (byte) 0x5a);
            writer.writeCluster(2, ByteBuffer.wrap(cluster));
            Arrays.fill(cluster, (byte) 0xa5);
            writer.writeCluster(9, ByteBuffer.wrap(cluster));
            writer.finish();
        }
        Path memory = data.resolve("seed-memory.state");
        byte[] state = new byte[1 << 20];
        new Random(7).nextBytes(state);
        Files.write(memory, state);
        String domain = "<domain type='qemu'><name>" + VM + "</name><memory unit='MiB'>64</memory><os><type>hvm</type>"
                + "</os><devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='"
                + overlay + "'/><target dev='vda' bus='virtio'/></disk></devices></domain>";
        Generation generation = copy.capture(VM, overlay, memory, new DifferenceCopy.Capture(sha, "raw",
                "3a1b0c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", domain));
        Files.delete(overlay);
        Files.delete(memory);
        return generation;
    }

    /**
     * A host in the server's process, written where Felix Configuration Admin keeps its configurations
     * ({@code felix.cm.dir}): the same file the Configuration Admin writes for a factory configuration.
     */
    private static void configureHost(Path data) throws IOException {
        Path folder = data.resolve("cm/org/deskplane/vmdiff");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("host%007e" + HOST + ".config"), String.join("\n",
                "service.factoryPid=" + quoted("org.deskplane.vmdiff.host"),
                "service.pid=" + quoted("org.deskplane.vmdiff.host~" + HOST),
                "vmdiff.host=" + quoted(HOST),
                "dataDirectory=" + quoted(data.resolve("vmdiff-host").toString()),
                "connection.target=" + quoted("(connection.id=demo-1)"),
                "server.target=" + quoted("(vmdiff.server=local)"), ""));
    }

    /** A string value as the Configuration Admin's file format quotes it ('=' and ' ' escaped too). */
    private static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '"' || c == '=' || c == ' ') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(DATA);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + "; see its log");
            }
            try {
                rest().get("/vmdiff/bases");
                return;
            } catch (ServerException notYet) {
                last = notYet.getMessage(); // the vmdiff bundles are still starting (404 or 503)
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server's vmdiff routes did not answer within " + DATA + ": " + last);
    }

    ServerRest rest() {
        return admin.rest();
    }

    String fingerprint() {
        return fingerprint;
    }

    String baseSha() {
        return baseSha;
    }

    Generation generation() {
        return generation;
    }

    @Override
    public void close() throws InterruptedException {
        admin.close();
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> paths = all.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        }
    }
}
