package org.deskplane.delivery.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.deskplane.client.CertificateTrust;
import org.deskplane.client.ServerConnection;
import org.deskplane.client.ServerRest;
import org.deskplane.delivery.simulation.SimulatedDevice;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The real server product, killed with SIGKILL in the middle of a rollout and started again on the same data. The
 * rollout goes to the demo hosts' VMs (libvirt's test driver). The test installs the simulation bundle into the
 * server through its bundles REST route: the device step the test driver refuses is simulated, its state kept in a
 * file that outlives the kill; the simulated agents die with the server (and with them the job that was running).
 * After the restart every VM must end cleaned with an outcome, and nothing may stay attached.
 */
class ServerKillTest {
    private static final String PASSWORD = "Kill-Test-Admin-1";
    private static final Duration UP = Duration.ofMinutes(3);

    @Test
    void aServerKilledMidRolloutResumesAndEveryVmEndsCleanedAndAccountedFor() throws Exception {
        Path dir = Rig.testDir("server-kill");
        Path data = dir.resolve("data");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI url = URI.create("https://127.0.0.1:" + port);
        Process server = start(data, port, dir.resolve("server-1.log"));
        try {
            ServerRest rest = signIn(url, server, dir.resolve("server-1.log"));
            installSimulation(rest);
            JsonNode payload = rest.upload("POST", "/delivery/payloads", payloadZip(dir), "application/zip", Map.of());
            String body = """
                    {"name": "killed mid-rollout", "payloads": [{"id": "%s", "version": "%s"}],
                     "targets": {"tags": [], "pools": %s},
                     "options": {"methods": ["cdrom", "sim-device"], "poweredOff": "FAIL_FAST", "agentTimeoutSeconds": 10,
                                 "processingTimeoutSeconds": 20, "globalConcurrency": 2, "perHostConcurrency": 2}}
                    """.formatted(payload.get("id").asText(), payload.get("version").asText(), pools(rest));
            JsonNode created = rest.send("POST", "/delivery/deployments", new com.fasterxml.jackson.databind.ObjectMapper().readTree(body));
            String id = created.get("id").asText();
            // a job that has just started (progress 0 or 30: a simulated job takes three polls, a second each), so the
            // kill lands while it runs
            await(rest, id, "a VM starting to process", d -> items(d).stream().anyMatch(
                    i -> i.get("state").asText().equals("PROCESSING") && i.get("progress").asInt() <= 30));

            server.destroyForcibly().waitFor(); // SIGKILL: no deactivation, no clean-up, nothing flushed
            List<String> atKill = SimulatedDevice.readState(data.resolve("delivery-simulation/device.state"));
            assertFalse(atKill.subList(2, atKill.size()).isEmpty(), "a device was attached when the server was killed: " + atKill);

            server = start(data, port, dir.resolve("server-2.log"));
            ServerRest again = signIn(url, server, dir.resolve("server-2.log"));
            installSimulation(again);
            JsonNode done = await(again, id, "completed, every VM cleaned", d -> d.get("state").asText().equals("COMPLETED")
                    && items(d).stream().allMatch(i -> i.get("state").asText().equals("CLEANED")));

            List<String> outcomes = new ArrayList<>();
            for (JsonNode item : items(done)) {
                assertFalse(item.get("outcome").isNull(), "accounted for: " + item);
                outcomes.add(item.get("outcome").asText());
            }
            // the jobs running at the kill died with their agents: after the restart they were retried (the hypervisor
            // connections come back a moment after the engine) or timed out; VMs that are off failed fast
            assertTrue(outcomes.stream().allMatch(o -> o.equals("SUCCEEDED") || o.equals("TIMED_OUT") || o.equals("FAILED")), outcomes.toString());
            assertTrue(outcomes.contains("SUCCEEDED"), outcomes.toString());
            assertTrue(Files.readString(data.resolve("logs/server.log")).contains("deployment " + id + " resumes"),
                    "the restarted engine resumed items that were in flight");
            List<String> state = SimulatedDevice.readState(data.resolve("delivery-simulation/device.state"));
            assertEquals(List.of(), state.subList(2, state.size()), "nothing left attached");
            assertEquals(state.get(0), state.get(1), "every attach was detached (attaches, detaches)");
        } finally {
            server.destroyForcibly().waitFor();
        }
    }

    private static Process start(Path data, int port, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("deskplane.test.serverScript"), "--data-dir", data.toString(),
                "--port", Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("DESKPLANE_JAVA_OPTS", "-Ddeskplane.admin.initialPassword=" + PASSWORD);
        return pb.start();
    }

    private static ServerRest signIn(URI url, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + UP.toNanos();
        while (true) {
            if (!server.isAlive()) {
                fail("the server exited (" + server.exitValue() + "): " + Files.readString(log));
            }
            try {
                return ServerConnection.login(url, CertificateTrust.insecureTrustAllOnLoopback(), "admin", PASSWORD.toCharArray()).rest();
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not sign in to the server within " + UP, e);
                }
                Thread.sleep(500);
            }
        }
    }

    /** Installs and starts the simulation bundle unless the server kept it from before. */
    private static void installSimulation(ServerRest rest) throws Exception {
        for (JsonNode b : rest.get("/bundles")) {
            if (b.get("symbolicName").asText().equals("org.deskplane.delivery.simulation")) {
                if (!b.get("state").asText().equals("ACTIVE")) {
                    rest.send("POST", "/bundles/" + b.get("id").asLong() + "/start", null);
                }
                return;
            }
        }
        rest.upload("POST", "/bundles?start=true", Path.of(System.getProperty("deskplane.test.simulationJar")),
                "application/java-archive", Map.of());
    }

    /** The demo hosts' pools; their connections come up a moment after the REST routes, so wait for them. */
    private static String pools(ServerRest rest) throws InterruptedException {
        long deadline = System.nanoTime() + UP.toNanos();
        List<String> pools = poolsNow(rest);
        while (pools.isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("no VM with a pool appeared within " + UP + ": " + rest.get("/hypervisor/vms"));
            }
            Thread.sleep(250);
            pools = poolsNow(rest);
        }
        return pools.toString();
    }

    private static List<String> poolsNow(ServerRest rest) {
        List<String> pools = new ArrayList<>();
        for (JsonNode vm : rest.get("/hypervisor/vms")) {
            JsonNode pool = vm.path("metadata").path("pool");
            if (!pool.isMissingNode() && !pools.contains("\"" + pool.asText() + "\"")) {
                pools.add("\"" + pool.asText() + "\"");
            }
        }
        return pools;
    }

    private static Path payloadZip(Path dir) throws IOException {
        Path zip = dir.resolve("payload-" + System.currentTimeMillis() + ".zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("deskplane-payload.conf"));
            z.write(("id = kill-test\nversion = " + System.currentTimeMillis() + "\nrun = install.sh\n").getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("install.sh"));
            z.write("#!/bin/sh\necho installed\n".getBytes(StandardCharsets.UTF_8));
        }
        return zip;
    }

    private static List<JsonNode> items(JsonNode deployment) {
        List<JsonNode> items = new ArrayList<>();
        deployment.get("items").forEach(items::add);
        return items;
    }

    private static JsonNode await(ServerRest rest, String id, String what, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + UP.toNanos();
        JsonNode d = rest.get("/delivery/deployments/" + id);
        while (!condition.test(d)) {
            if (System.nanoTime() > deadline) {
                fail("not within " + UP + ": " + what + "; " + d);
            }
            Thread.sleep(250);
            d = rest.get("/delivery/deployments/" + id);
        }
        return d;
    }
}
