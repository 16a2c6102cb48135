package org.deskplane.layers.client.tests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.deskplane.client.CertificateTrust;
import org.deskplane.client.ServerConnection;
import org.deskplane.client.ServerRest;

/**
 * The real server product and real agent products, each its own process, started through the launch scripts the
 * README names. Endpoints get their settings as {@code deskplane.layers.*} properties.
 */
final class Processes {

    static final Duration WAIT = Duration.ofSeconds(90);

    private Processes() {
    }

    static Path testDir(String name) throws IOException {
        Path base = Path.of(System.getProperty("deskplane.test.dir", System.getProperty("java.io.tmpdir") + "/layers"));
        Path dir = base.toAbsolutePath().resolve(name);
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Process server(Path data, int port, String adminPassword, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("deskplane.test.serverScript"), "--data-dir", data.toString(),
                "--port", Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("DESKPLANE_JAVA_OPTS", "-Ddeskplane.admin.initialPassword=" + adminPassword + " -Ddeskplane.demo=false");
        return pb.start();
    }

    static ServerRest signIn(URI url, Process server, Path log, String user, String password) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited (" + server.exitValue() + "): " + Files.readString(log));
            }
            try {
                return ServerConnection.login(url, CertificateTrust.insecureTrustAllOnLoopback(), user, password.toCharArray()).rest();
            } catch (Exception e) { // not up yet, or its security service is still starting
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not sign in to the server as " + user, e);
                }
                Thread.sleep(500);
            }
        }
    }

    /** One endpoint: a tree, an agent process syncing it, the agent's data directory. */
    static final class Endpoint {
        final String id;
        final Path root;
        final Path data;
        private final Map<String, String> properties;
        private Process agent;
        private int starts;

        Endpoint(String id, Path dir, Map<String, String> properties) throws IOException {
            this.id = id;
            this.root = Files.createDirectories(dir.resolve("root"));
            this.data = Files.createDirectories(dir.resolve("agent-data"));
            this.properties = new java.util.HashMap<>(properties);
        }

        /** Changes a setting for the next start. */
        void set(String key, String value) {
            properties.put(key, value);
        }

        /** The port of the endpoint's local layer API (written by the agent when it listens). */
        int controlPort() throws IOException {
            return Integer.parseInt(Files.readString(data.resolve("layers/control.port")).strip());
        }

        /** One request to the endpoint's local layer API. */
        String control(String request) throws IOException {
            try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), controlPort())) {
                socket.getOutputStream().write((request + "\n").getBytes(StandardCharsets.UTF_8));
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            }
        }

        void start() throws IOException {
            Path key = data.resolve("agent.key");
            if (!Files.exists(key)) {
                Files.writeString(key, "0123456789abcdef0123456789abcdef");
            }
            java.util.Properties settings = new java.util.Properties();
            properties.forEach((k, v) -> settings.setProperty("deskplane.layers." + k, v));
            settings.setProperty("deskplane.layers.endpoint", id);
            settings.setProperty("deskplane.layers.root", root.toString());
            settings.setProperty("deskplane.layers.periodSeconds", "3");
            settings.setProperty("deskplane.layers.controlPort", "0");
            Path config = data.resolve("layers.properties");
            try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                settings.store(out, "layer sync settings of endpoint " + id);
            }
            List<String> opts = List.of("-Ddeskplane.layers.config=" + config);
            // no host listens on this socket: the agent's channel keeps retrying, the layer client does not need it
            ProcessBuilder pb = new ProcessBuilder(System.getProperty("deskplane.test.agentScript"), "--vm-id", id, "--key-file",
                    key.toString(), "--socket", data.resolve("no-host.sock").toString(), "--data-dir", data.toString())
                    .redirectErrorStream(true).redirectOutput(data.resolve("agent-" + (++starts) + ".log").toFile());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.environment().put("DESKPLANE_JAVA_OPTS", String.join(" ", opts));
            agent = pb.start();
        }

        /** Stops the agent as a restart would (SIGTERM: the framework shuts down). */
        void stop() throws InterruptedException {
            if (agent != null && agent.isAlive()) {
                agent.destroy();
                if (!agent.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    agent.destroyForcibly().waitFor();
                }
            }
        }

        String log() {
            try {
                return Files.readString(data.resolve("agent-" + starts + ".log"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        Path file(String rel) {
            return root.resolve(rel);
        }

        String read(String rel) throws IOException {
            return Files.readString(file(rel), StandardCharsets.UTF_8);
        }

        void write(String rel, String content) throws IOException {
            Files.createDirectories(file(rel).getParent());
            Files.writeString(file(rel), content, StandardCharsets.UTF_8);
        }
    }

    static void await(String what, BooleanSupplier condition, Supplier<String> diagnostics) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what + "\n" + diagnostics.get());
            }
            Thread.sleep(100);
        }
    }

    static boolean contains(Path file, String text) {
        try {
            return Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text);
        } catch (IOException e) {
            return false;
        }
    }
}
