package org.deskplane.layers.client.tests;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.deskplane.client.ServerConnection;
import org.deskplane.client.ServerRest;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (its name does not end in Test, so only {@code tests/benchmarks/layers-sync-benchmark/run}
 * picks it): the time from a user file saved on the master to the same content on another endpoint, both real agent
 * processes against the server product. Prints the figures; asserts only that every edit arrived.
 */
class SyncLatencyBenchmark {

    @Test
    void fromSaveOnTheMasterToTheFileOnAnotherEndpoint() throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 20);
        Path dir = Processes.testDir("latency-benchmark");
        int port = Processes.freePort();
        URI url = URI.create("https://127.0.0.1:" + port);
        Process server = Processes.server(dir.resolve("server-data"), port, "Bench-Admin-Pass-1", dir.resolve("server.log"));
        Processes.Endpoint master = null;
        Processes.Endpoint other = null;
        try {
            ServerRest admin = Processes.signIn(url, server, dir.resolve("server.log"), "admin", "Bench-Admin-Pass-1");
            admin.send("POST", "/users", Map.of("username", "bob", "password", "Bob-Desktop-Pass-1", "role", "USER"));
            admin.send("POST", "/layers/cvds", Map.of("id", "bob-desktop", "owner", "bob"));
            Path password = dir.resolve("bob.password");
            Files.writeString(password, "Bob-Desktop-Pass-1");
            Map<String, String> common = Map.of("server", url.toString(), "fingerprint",
                    ServerConnection.probeCertificate(url).sha256Fingerprint(), "user", "bob", "passwordFile", password.toString(),
                    "cvd", "bob-desktop", "os", "linux", "osRelease", "debian-13", "hw.dmi.sys_vendor", "Dell Inc.");
            master = new Processes.Endpoint("desk", dir.resolve("desk"), common);
            other = new Processes.Endpoint("laptop", dir.resolve("laptop"), common);
            master.write("home/bob/Documents/notes.txt", "warm-up");
            master.start();
            other.start();
            Processes.Endpoint target = other;
            Processes.await("warm-up reaches the other endpoint", () -> Processes.contains(target.file("home/bob/Documents/notes.txt"),
                    "warm-up"), () -> "");
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                String content = "edit " + i + " " + System.nanoTime();
                long saved = System.nanoTime();
                master.write("home/bob/Documents/notes.txt", content);
                Processes.await("edit " + i + " arrives", () -> Processes.contains(target.file("home/bob/Documents/notes.txt"), content),
                        target::log);
                millis.add((System.nanoTime() - saved) / 1_000_000);
                Thread.sleep(500); // let both sides settle between edits
            }
            Collections.sort(millis);
            System.out.printf("layers-sync-benchmark: %d edits, save on the master → file on another endpoint: median %d ms, "
                    + "p95 %d ms, max %d ms (target < 2000 ms)%n", rounds, millis.get(rounds / 2),
                    millis.get(Math.min(rounds - 1, (int) Math.ceil(rounds * 0.95) - 1)), millis.get(rounds - 1));
        } finally {
            if (master != null) {
                master.stop();
            }
            if (other != null) {
                other.stop();
            }
            server.destroy();
            server.waitFor();
        }
    }
}
