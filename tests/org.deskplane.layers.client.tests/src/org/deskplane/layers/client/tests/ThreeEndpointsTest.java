package org.deskplane.layers.client.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deskplane.client.ServerConnection;
import org.deskplane.client.ServerException;
import org.deskplane.client.ServerRest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Three endpoints of one user's desktop image, each an agent product process with its own root, against the server
 * product: a physical Debian machine (the reference: full clone), a Debian VM (rebase: keeps its own OS, takes the
 * applications, profile and user files) and a macOS machine (user files only, in its own folder layout). The tests run
 * in order, each building on the state the one before left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeEndpointsTest {
    private static final String ADMIN_PASSWORD = "Layers-Test-Admin-1";
    private static final String ALICE_PASSWORD = "Alice-Desktop-Pass-1";
    private static final String CVD = "alice-desktop";
    private static final String REPORT = "home/alice/Documents/report.txt";
    private static final String MAC_REPORT = "Users/alice/Documents/report.txt";

    private Path dir;
    private Process server;
    private ServerRest admin;
    private ServerRest alice;
    private Processes.Endpoint laptop;
    private Processes.Endpoint vm;
    private Processes.Endpoint mac;

    @BeforeAll
    void startServerAndEndpoints() throws Exception {
        dir = Processes.testDir("three-endpoints");
        int port = Processes.freePort();
        URI url = URI.create("https://127.0.0.1:" + port);
        server = Processes.server(dir.resolve("server-data"), port, ADMIN_PASSWORD, dir.resolve("server.log"));
        admin = Processes.signIn(url, server, dir.resolve("server.log"), "admin", ADMIN_PASSWORD);
        admin.send("POST", "/users", Map.of("username", "alice", "password", ALICE_PASSWORD, "role", "USER"));
        admin.send("POST", "/layers/cvds", Map.of("id", CVD, "owner", "alice"));
        alice = Processes.signIn(url, server, dir.resolve("server.log"), "alice", ALICE_PASSWORD);

        Path passwordFile = dir.resolve("alice.password");
        Files.writeString(passwordFile, ALICE_PASSWORD);
        String fingerprint = ServerConnection.probeCertificate(url).sha256Fingerprint();
        Map<String, String> common = Map.of("server", url.toString(), "fingerprint", fingerprint, "user", "alice",
                "passwordFile", passwordFile.toString(), "cvd", CVD);
        laptop = new Processes.Endpoint("laptop", dir.resolve("laptop"), with(common, Map.of("os", "linux", "osRelease",
                "debian-13", "hw.dmi.sys_vendor", "Dell Inc.", "hw.dmi.product_name", "Latitude 7440")));
        vm = new Processes.Endpoint("vm", dir.resolve("vm"), with(common, Map.of("os", "linux", "osRelease", "debian-13",
                "hw.dmi.sys_vendor", "QEMU", "hw.dmi.product_name", "Standard PC (Q35 + ICH9, 2009)")));
        Path macRules = dir.resolve("mac.rules");
        Files.write(macRules, List.of("Users/*/.* = EXCLUDE", "Users/*/.*/** = EXCLUDE", "Users/*/** = USER_FILES"));
        mac = new Processes.Endpoint("mac", dir.resolve("mac"), with(common, Map.of("os", "macos", "osRelease", "15",
                "hw.dmi.sys_vendor", "Apple Inc.", "rules", macRules.toString())));
    }

    private static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new java.util.HashMap<>(a);
        all.putAll(b);
        return all;
    }

    @AfterAll
    void stopAll() throws Exception {
        for (Processes.Endpoint e : new Processes.Endpoint[] { laptop, vm, mac }) {
            if (e != null) {
                e.stop();
            }
        }
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    private String diagnostics() {
        StringBuilder s = new StringBuilder();
        try {
            s.append("CVD: ").append(alice.get("/layers/cvds/" + CVD)).append('\n');
        } catch (RuntimeException e) {
            s.append("CVD: ").append(e.getMessage()).append('\n');
        }
        for (Processes.Endpoint e : new Processes.Endpoint[] { laptop, vm, mac }) {
            String log = e.log();
            s.append("--- ").append(e.id).append(" log (tail) ---\n").append(log.substring(Math.max(0, log.length() - 3000)));
        }
        return s.toString();
    }

    private JsonNode head() {
        JsonNode cvd = alice.get("/layers/cvds/" + CVD).path("cvd");
        long head = cvd.path("head").asLong();
        return head == 0 ? null : alice.get("/layers/cvds/" + CVD + "/versions/" + head);
    }

    private JsonNode status(String endpoint) {
        try {
            return alice.get("/layers/endpoints/" + endpoint + "/status");
        } catch (ServerException e) {
            return null;
        }
    }

    @Test
    @Order(1)
    void theMasterUploadsEveryLayerButItsIdentity() throws Exception {
        laptop.write(REPORT, "report v1");
        laptop.write("home/alice/.bashrc", "alias ll='ls -l'\n");
        laptop.write("opt/editor/bin/editor", "#!/bin/sh\necho editor 1\n");
        laptop.write("etc/os-release", "ID=debian\nVERSION_ID=13\n");
        laptop.write("etc/machine-id", "11111111111111111111111111111111\n");
        laptop.write("tmp/scratch", "never uploaded");
        laptop.start();

        Processes.await("the laptop becomes master and uploads", () -> {
            JsonNode head = head();
            return head != null && head.path("layers").has("APPLICATIONS") && head.path("layers").has("USER_FILES")
                    && head.path("layers").has("PROFILE") && head.path("layers").has("BASE_OS");
        }, this::diagnostics);
        assertEquals("laptop", alice.get("/layers/cvds/" + CVD + "/master").path("master").asText());
        long head = head().path("number").asLong();
        List<String> base = paths(alice.get("/layers/cvds/" + CVD + "/versions/" + head + "/layers/BASE_OS"));
        assertTrue(base.contains("etc/os-release"), base.toString());
        assertFalse(base.contains("etc/machine-id"), "the machine identity never leaves its endpoint: " + base);
        assertFalse(base.stream().anyMatch(p -> p.startsWith("tmp")), "temporary files are excluded: " + base);
    }

    private static List<String> paths(JsonNode manifest) {
        List<String> paths = new ArrayList<>();
        manifest.path("entries").forEach(e -> paths.add(e.path("path").asText()));
        return paths;
    }

    @Test
    @Order(2)
    void theOtherEndpointsTakeEachLayerByItsRule() throws Exception {
        vm.write("etc/os-release", "ID=debian\nVERSION_ID=13\nVARIANT=vm\n");
        vm.write("usr/lib/vm-tools/agent", "vm tools");
        vm.start();
        mac.start();

        Processes.await("user files reach the VM and the Mac (in the Mac's layout)",
                () -> Processes.contains(vm.file(REPORT), "report v1") && Processes.contains(mac.file(MAC_REPORT), "report v1"),
                this::diagnostics);
        Processes.await("the VM has the applications staged for its next restart", () -> {
            JsonNode s = status("vm");
            return s != null && s.path("staged").asLong() > 0 && s.path("pendingProfile").asLong() > 0;
        }, this::diagnostics);
        assertFalse(Files.exists(vm.file("opt/editor/bin/editor")), "system layers wait for the restart");
        assertFalse(Files.exists(vm.file("home/alice/.bashrc")), "the profile waits for the next log-on");
        assertFalse(Files.exists(mac.file("opt/editor/bin/editor")), "a user-files-only endpoint gets no applications");
        assertFalse(Files.exists(mac.file("Users/alice/.bashrc")), "nor the profile of another OS");
        assertEquals("ID=debian\nVERSION_ID=13\nVARIANT=vm\n", vm.read("etc/os-release"), "a rebased VM keeps its own OS");

        vm.stop();
        vm.start(); // the restart pivots the staged layers in, and is a fresh log-on
        Processes.await("after its restart the VM has the applications and the profile",
                () -> Processes.contains(vm.file("opt/editor/bin/editor"), "#!/bin/sh\necho editor 1\n")
                        && Processes.contains(vm.file("home/alice/.bashrc"), "alias ll='ls -l'\n"),
                this::diagnostics);
        assertEquals("vm tools", vm.read("usr/lib/vm-tools/agent"), "the VM's own base (its VM tools) stays");
    }

    @Test
    @Order(3)
    void aFileSavedOnTheMasterAppearsOnTheOthers() throws Exception {
        long saved = System.nanoTime();
        laptop.write(REPORT, "report v2");
        Processes.await("the edit reaches the VM and the Mac",
                () -> Processes.contains(vm.file(REPORT), "report v2") && Processes.contains(mac.file(MAC_REPORT), "report v2"),
                this::diagnostics);
        System.out.printf("layers: an edit on the master reached both other endpoints after %d ms%n",
                (System.nanoTime() - saved) / 1_000_000);
    }

    @Test
    @Order(4)
    void simultaneousEditsEndAsTheFileAndAConflictCopyEverywhere() throws Exception {
        vm.write(REPORT, "edited on the VM");
        mac.write(MAC_REPORT, "edited on the Mac");
        Set<String> both = Set.of("edited on the VM", "edited on the Mac");
        Processes.await("every endpoint has both versions: the file and one conflict copy", () -> versionsIn(laptop,
                "home/alice/Documents").equals(both) && versionsIn(vm, "home/alice/Documents").equals(both)
                && versionsIn(mac, "Users/alice/Documents").equals(both), this::diagnostics);
        for (Processes.Endpoint e : List.of(laptop, vm)) {
            try (var files = Files.list(e.file("home/alice/Documents"))) {
                List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
                assertEquals(2, names.size(), e.id + ": " + names);
                assertTrue(names.get(0).startsWith("report (conflict from "), names.toString());
            }
        }
    }

    private static Set<String> versionsIn(Processes.Endpoint e, String folder) {
        Set<String> contents = new HashSet<>();
        try (var files = Files.list(e.file(folder))) {
            for (Path p : files.toList()) {
                contents.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException ex) {
            return Set.of();
        }
        return contents;
    }

    @Test
    @Order(5)
    void theMasterRoleMovesAndTheStaleMasterIsFenced() throws Exception {
        // the role may already have followed the user's activity from the laptop to the VM: move it to the other one
        JsonNode before = alice.get("/layers/cvds/" + CVD + "/master");
        long staleToken = before.path("token").asLong();
        Processes.Endpoint oldMaster = before.path("master").asText().equals("vm") ? vm : laptop;
        Processes.Endpoint newMaster = oldMaster == vm ? laptop : vm;
        ServerException macRefused = assertThrows(ServerException.class,
                () -> admin.send("PUT", "/layers/cvds/" + CVD + "/master", Map.of("endpointId", "mac")));
        assertTrue(macRefused.detail().contains("cannot be master"), "a user-files-only endpoint: " + macRefused.detail());
        admin.send("PUT", "/layers/cvds/" + CVD + "/master", Map.of("endpointId", newMaster.id));
        Processes.await(newMaster.id + " becomes master after the switch steps", () -> {
            JsonNode m = alice.get("/layers/cvds/" + CVD + "/master");
            return m.path("master").asText().equals(newMaster.id) && m.path("phase").asText().equals("STEADY");
        }, this::diagnostics);
        long newToken = alice.get("/layers/cvds/" + CVD + "/master").path("token").asLong();
        assertTrue(newToken > staleToken, "a new grant has a higher token: " + staleToken + " → " + newToken);
        assertTrue(alice.get("/layers/cvds/" + CVD + "/versions").toString().contains("SNAPSHOT"),
                "the new master's snapshot was taken first");

        // the old master, still believing it is master, uploads an application change with its old token
        JsonNode head = head();
        JsonNode apps = alice.get("/layers/cvds/" + CVD + "/versions/" + head.path("number").asLong() + "/layers/APPLICATIONS");
        ObjectNode publish = new ObjectMapper().createObjectNode();
        publish.put("endpointId", oldMaster.id).put("parent", head.path("number").asLong()).put("fencingToken", staleToken)
                .put("kind", "UPLOAD").put("note", "stale");
        publish.putObject("layers").set("APPLICATIONS", apps);
        ServerException refused = assertThrows(ServerException.class,
                () -> alice.send("POST", "/layers/cvds/" + CVD + "/publish", publish));
        assertEquals(409, refused.status(), refused.getMessage());
        assertEquals("Stale master", refused.title());

        // the new master's application change reaches the old one, staged for its restart
        newMaster.write("opt/editor/bin/editor", "#!/bin/sh\necho editor 2\n");
        Processes.await("the old master stages the new master's application change", () -> {
            JsonNode s = status(oldMaster.id);
            return s != null && s.path("staged").asLong() > head.path("number").asLong();
        }, this::diagnostics);
        oldMaster.stop();
        oldMaster.start();
        Processes.await("after its restart the old master has the new application",
                () -> Processes.contains(oldMaster.file("opt/editor/bin/editor"), "#!/bin/sh\necho editor 2\n"), this::diagnostics);
        assertEquals("11111111111111111111111111111111\n", laptop.read("etc/machine-id"), "the laptop keeps its own identity");
    }

    @Test
    @Order(6)
    void anEndpointShortOnDiskKeepsStubsAndFetchesThemWhenOpened() throws Exception {
        byte[] video = new byte[1024 * 1024];
        new java.util.Random(6).nextBytes(video);
        Files.createDirectories(laptop.file("home/alice/Videos"));
        Files.write(laptop.file("home/alice/Videos/holiday.bin"), video);
        Processes.await("the video reaches the Mac", () -> Files.exists(mac.file("Users/alice/Movies/holiday.bin")),
                this::diagnostics);

        mac.stop();
        // the user has just read the report (least recently used files are evicted first)
        Files.setAttribute(mac.file(MAC_REPORT), "lastAccessTime", java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(60)));
        mac.set("freeBytes", "200000"); // less than the CVD holds: the server binds the Mac in cache mode
        mac.set("cacheBytes", "65536");
        mac.start();
        Path stub = mac.file("Users/alice/Movies/holiday.bin");
        Processes.await("the Mac leaves the video behind as a stub", () -> {
            try {
                return Files.size(stub) == 0;
            } catch (IOException e) {
                return false;
            }
        }, this::diagnostics);
        assertTrue(Files.size(mac.file(MAC_REPORT)) > 0, "a recently used file stays resident");
        assertTrue(alice.get("/layers/cvds/" + CVD).path("bindings").toString().contains("\"cacheMode\":true"),
                "the server bound the Mac in cache mode");

        String answer = mac.control("OPEN Users/alice/Movies/holiday.bin");
        assertEquals("OK " + stub.toAbsolutePath(), answer);
        assertTrue(java.util.Arrays.equals(video, Files.readAllBytes(stub)), "the stub was fetched in full");
        long head = alice.get("/layers/cvds/" + CVD).path("cvd").path("head").asLong();
        JsonNode files = alice.get("/layers/cvds/" + CVD + "/versions/" + head + "/layers/USER_FILES");
        boolean full = false;
        for (JsonNode e : files.path("entries")) {
            full |= e.path("path").asText().equals("home/alice/Videos/holiday.bin") && e.path("size").asLong() == video.length;
        }
        assertTrue(full, "a stub never goes up as an empty file: " + files);
        assertTrue(mac.control("OPEN Users/alice/nothing-here").startsWith("ERROR "), "a clear error for a missing file");
    }
}
