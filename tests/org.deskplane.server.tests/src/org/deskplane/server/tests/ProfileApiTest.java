package org.deskplane.server.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Profile API over real HTTPS on a share made of a random tree: listing, stat and SHA-256 of every file
 * equal the tree's; Range, ETag/304, Last-Modified; a folder as a zip; XML; uploads refused by default and
 * allowed by a policy rule; a deny rule written through {@code /api/profile/policies} answers 403 and lands in the
 * audit log as DENIED, a malformed rule is refused with 400.
 */
class ProfileApiTest extends SignedInAsAdmin {

    private static Path tree;
    private static Configuration share;
    private static Configuration writableShare;
    private static Configuration privateShare;
    private static Configuration writeRule;
    private static Configuration davesShare;
    private static Configuration davesDeny;

    @BeforeAll
    static void makeTreeAndShare() throws Exception {
        tree = Files.createTempDirectory("deskplane-share-");
        Random random = new Random(4242);
        Path deep = tree;
        for (int i = 0; i < 12; i++) {
            deep = Files.createDirectories(deep.resolve("level-" + i));
            Files.write(deep.resolve("file-" + i + ".bin"), bytes(random, random.nextInt(70_000)));
        }
        Files.write(tree.resolve("Ünïcødé — 日本語 ✓.txt"), "grüße\n".getBytes(StandardCharsets.UTF_8));
        Files.write(tree.resolve("empty"), new byte[0]);
        Files.write(tree.resolve("big.bin"), bytes(random, 3 * 1024 * 1024 + 17));
        Files.setLastModifiedTime(tree.resolve("big.bin"), FileTime.from(Instant.parse("2025-06-01T12:00:00Z")));
        Files.createDirectories(tree.resolve("docs/reports"));
        Files.writeString(tree.resolve("docs/reports/q3-report.txt"), "quarterly\n");
        share = configure(ShareKeys.SHARE, Map.of("name", "projects", "root", tree.toString(), "roles", new String[] { "USER" }));
    }

    @AfterAll
    static void removeShares() throws Exception {
        for (Configuration c : new Configuration[] { share, writableShare, privateShare, writeRule,
                davesShare, davesDeny }) {
            if (c != null) {
                c.delete();
            }
        }
    }

    @Test
    void everyFileOfTheShareReadsBackExactly() throws Exception {
        awaitSource("share:projects");
        Map<String, String> expected = new TreeMap<>();
        try (var walk = Files.walk(tree)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                expected.put("/" + tree.relativize(file).toString(), sha256(Files.readAllBytes(file)));
            }
        }
        Map<String, String> actual = new TreeMap<>();
        walk("share:projects", "/", actual);
        assertEquals(expected, actual);

        JsonNode stat = get("share:projects", "stat", "/big.bin").json();
        assertEquals("FILE", stat.get("type").asText());
        assertEquals(3 * 1024 * 1024 + 17, stat.get("size").asLong());
        assertEquals("2025-06-01T12:00:00Z", stat.get("modified").asText());
    }

    @Test
    void rangesEtagsAndConditionalRequests() throws Exception {
        awaitSource("share:projects");
        byte[] whole = Files.readAllBytes(tree.resolve("big.bin"));
        ApiClient.Response full = get("share:projects", "content", "/big.bin");
        assertEquals(200, full.status());
        assertEquals("bytes", full.headers().firstValue("Accept-Ranges").orElse(""));
        String etag = full.headers().firstValue("ETag").orElseThrow();
        assertEquals("Sun, 1 Jun 2025 12:00:00 GMT", full.headers().firstValue("Last-Modified").orElse(""));

        ApiClient.Response part = send("GET", "share:projects", "content", "/big.bin", Map.of("Range", "bytes=1000-1999"));
        assertEquals(206, part.status());
        assertEquals("bytes 1000-1999/" + whole.length, part.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(java.util.Arrays.copyOfRange(whole, 1000, 2000), part.body());
        ApiClient.Response tail = send("GET", "share:projects", "content", "/big.bin", Map.of("Range", "bytes=-10"));
        assertArrayEquals(java.util.Arrays.copyOfRange(whole, whole.length - 10, whole.length), tail.body());
        assertEquals(416, send("GET", "share:projects", "content", "/big.bin",
                Map.of("Range", "bytes=" + whole.length + "-")).status());

        ApiClient.Response cached = send("GET", "share:projects", "content", "/big.bin", Map.of("If-None-Match", etag));
        assertEquals(304, cached.status());
        assertEquals(0, cached.body().length);
        ApiClient.Response stale = send("GET", "share:projects", "content", "/big.bin",
                Map.of("Range", "bytes=0-9", "If-Range", "\"not-the-etag\""));
        assertEquals(200, stale.status(), "If-Range with an old validator gets the whole file");

        // a change to the file changes its validator
        Files.setLastModifiedTime(tree.resolve("big.bin"), FileTime.from(Instant.parse("2025-06-02T12:00:00Z")));
        assertFalse(etag.equals(get("share:projects", "content", "/big.bin").headers().firstValue("ETag").orElse("")));
    }

    @Test
    void aFolderDownloadsAsAZipBuiltWhileStreaming() throws Exception {
        awaitSource("share:projects");
        ApiClient.Response zip = get("share:projects", "zip", "/level-0");
        assertEquals(200, zip.status());
        assertEquals("application/zip", zip.contentType());
        Map<String, String> inZip = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                if (!entry.isDirectory()) {
                    inZip.put(entry.getName(), sha256(in.readAllBytes()));
                }
            }
        }
        Map<String, String> expected = new TreeMap<>();
        try (var walk = Files.walk(tree.resolve("level-0"))) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                expected.put(tree.resolve("level-0").relativize(file).toString(), sha256(Files.readAllBytes(file)));
            }
        }
        assertEquals(expected, inZip);
    }

    @Test
    void xmlSearchAndClearErrors() throws Exception {
        awaitSource("share:projects");
        ApiClient.Response xml = send("GET", "share:projects", "entries", "/docs", Map.of("Accept", "application/xml"));
        assertEquals(200, xml.status());
        assertTrue(xml.contentType().startsWith("application/xml"), xml.contentType());
        assertTrue(xml.text().contains("<contentEntries><contentEntry><name>reports</name>"), xml.text());

        JsonNode found = api.get("/profile/sources/share:projects/search?path=/&q=Q3-REP", adminToken).json();
        assertEquals(1, found.size(), found.toString());
        assertEquals("/docs/reports/q3-report.txt", found.get(0).get("path").asText());

        assertEquals(404, get("share:projects", "entries", "/no/such/folder").status());
        assertEquals(400, get("share:projects", "entries", "/../etc").status());
        assertEquals(404, api.get("/profile/sources/share:nobody/entries?path=/", adminToken).status());
        // a share named for one user only: administrators see it too
        privateShare = configure(ShareKeys.SHARE, Map.of("name", "carols", "root", tree.toString(), "users", new String[] { "carol" }));
        awaitSource("share:carols");
        assertEquals(200, get("share:carols", "entries", "/docs").status());
        assertEquals(409, get("share:projects", "entries", "/empty").status(), "a file is not a folder");
    }

    @Test
    void uploadsNeedAWritableShareAndAPolicyThatAllowsThem() throws Exception {
        awaitSource("share:projects");
        byte[] upload = "uploaded through the Profile API\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(409, sendBody("PUT", "share:projects", "content", "/new.txt", upload).status(), "a read-only share");

        Path writable = Files.createTempDirectory("deskplane-writable-");
        writableShare = configure(ShareKeys.SHARE, Map.of("name", "inbox", "root", writable.toString(), "roles",
                new String[] { "USER" }, "writable", true));
        awaitSource("share:inbox");
        ApiClient.Response refused = sendBody("PUT", "share:inbox", "content", "/new.txt", upload);
        assertEquals(403, refused.status(), "writing needs a rule that allows it: " + refused.text());

        writeRule = configure(ShareKeys.POLICY, Map.of("name", "inbox-writes", "order", 10, "effect", "ALLOW",
                "operations", new String[] { "WRITE" }, "sources", new String[] { "share:inbox" }));
        awaitStatus(200, () -> sendBody("PUT", "share:inbox", "content", "/new.txt", upload).status());
        assertArrayEquals(upload, Files.readAllBytes(writable.resolve("new.txt")));
        assertEquals(204, sendBody("DELETE", "share:inbox", "content", "/new.txt", null).status());
        assertFalse(Files.exists(writable.resolve("new.txt")));
    }

    @Test
    void aDenyRuleAnswers403AndIsAudited() throws Exception {
        awaitSource("share:projects");
        ApiClient.Response bad = api.send("PUT", "/profile/policies/broken", adminToken, ApiClient.JSON.writeValueAsBytes(
                Map.of("order", 1, "effect", "MAYBE")), "application/json");
        assertEquals(400, bad.status(), bad.text());
        assertTrue(bad.text().contains("effect"), bad.text());
        ApiClient.Response put = api.send("PUT", "/profile/policies/no-docs", adminToken, ApiClient.JSON.writeValueAsBytes(
                Map.of("order", 1, "effect", "DENY", "paths", List.of("/docs/**"))), "application/json");
        assertEquals(200, put.status(), put.text());
        assertTrue(api.get("/profile/policies", adminToken).text().contains("\"no-docs\""));
        awaitStatus(403, () -> get("share:projects", "entries", "/docs").status());
        assertEquals(200, get("share:projects", "entries", "/level-0").status());
        JsonNode audit = api.get("/audit?action=content.list&limit=50", adminToken).json();
        boolean denied = false;
        for (JsonNode event : audit) {
            denied |= "DENIED".equals(event.get("result").asText()) && event.get("target").asText().equals("share:projects:/docs");
        }
        assertTrue(denied, "no DENIED audit record for the refused listing: " + audit);
        assertEquals(204, api.send("DELETE", "/profile/policies/no-docs", adminToken, null, null).status());
        assertEquals(404, api.send("DELETE", "/profile/policies/no-docs", adminToken, null, null).status());
        awaitStatus(200, () -> get("share:projects", "entries", "/docs").status());
    }

    @Test
    void anAdministratorAsksAsAnotherUserWithAs() throws Exception {
        awaitSource("share:projects");
        String dave = "dave-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        ApiClient.Response created = api.postJson("/users", adminToken, Map.of("username", dave,
                "password", "dave-password-123456", "role", "USER"));
        assertEquals(201, created.status(), created.text());
        String daveToken = api.login(dave, "dave-password-123456");
        Path davesTree = Files.createTempDirectory("deskplane-dave-");
        Files.writeString(davesTree.resolve("notes.txt"), "dave's\n");
        davesShare = configure(ShareKeys.SHARE, Map.of("name", dave, "root", davesTree.toString(), "users",
                new String[] { dave }));
        awaitSource("share:" + dave);
        // a rule for dave only: the administrator asking as dave meets it, asking as himself does not
        davesDeny = configure(ShareKeys.POLICY, Map.of("name", dave + "-no-docs", "order", 5, "effect", "DENY",
                "users", new String[] { dave }, "paths", new String[] { "/docs/**" }));

        List<String> davesOwn = ids(api.get("/profile/sources", daveToken));
        List<String> asDave = ids(api.get("/profile/sources?as=" + dave, adminToken));
        assertEquals(davesOwn, asDave, "?as= shows exactly what the user sees");
        assertTrue(asDave.contains("share:" + dave) && asDave.contains("share:projects"), asDave.toString());
        List<String> adminsOwn = ids(api.get("/profile/sources", adminToken));
        assertTrue(adminsOwn.size() > asDave.size() && adminsOwn.containsAll(asDave), adminsOwn + " vs " + asDave);

        awaitStatus(403, () -> api.get("/profile/sources/share:projects/entries?path=%2Fdocs&as=" + dave, adminToken)
                .status());
        assertEquals(200, get("share:projects", "entries", "/docs").status(), "the administrator's own view");
        ApiClient.Response notes = api.get("/profile/sources/share:" + dave + "/content?path=%2Fnotes.txt&as=" + dave,
                adminToken);
        assertEquals(200, notes.status(), notes.text());
        assertEquals("dave's\n", notes.text());

        // writing on behalf is refused, even where the share is the user's
        ApiClient.Response write = api.send("PUT", "/profile/sources/share:projects/content?path=%2Fx.txt&as=" + dave,
                adminToken, new byte[] { 1 }, "application/octet-stream", Map.of());
        assertEquals(403, write.status(), write.text());
        assertTrue(write.text().contains("on behalf"), write.text());
        // only an administrator may use it; an unknown user is a clear 404
        ApiClient.Response notAdmin = api.get("/profile/sources?as=admin", daveToken);
        assertEquals(403, notAdmin.status(), notAdmin.text());
        assertTrue(notAdmin.text().contains("only an administrator"), notAdmin.text());
        ApiClient.Response unknown = api.get("/profile/sources?as=nobody-" + dave, adminToken);
        assertEquals(404, unknown.status(), unknown.text());
        assertTrue(unknown.text().contains("no user"), unknown.text());

        // the audit names the administrator, acting as dave
        JsonNode audit = api.get("/audit?actor=admin&action=content.read&limit=20", adminToken).json();
        boolean recorded = false;
        for (JsonNode event : audit) {
            recorded |= event.get("target").asText().equals("share:" + dave + ":/notes.txt")
                    && event.get("detail").asText().startsWith("as " + dave);
        }
        assertTrue(recorded, "no audit record of admin reading as " + dave + ": " + audit);
        assertTrue(api.get("/openapi.json", adminToken).text().contains("?as=<user>"), "documented in the OpenAPI");
    }

    private static List<String> ids(ApiClient.Response sources) {
        assertEquals(200, sources.status(), sources.text());
        List<String> ids = new java.util.ArrayList<>();
        sources.json().forEach(source -> ids.add(source.get("id").asText()));
        return ids.stream().sorted().toList();
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** Factory PIDs of the content bundle's configurations. */
    private static final class ShareKeys {
        static final String SHARE = "org.deskplane.content.share";
        static final String POLICY = "org.deskplane.content.policy";
    }

    private static void walk(String source, String path, Map<String, String> files) throws Exception {
        ApiClient.Response listing = get(source, "entries", path);
        assertEquals(200, listing.status(), listing.text());
        for (JsonNode entry : listing.json()) {
            String child = entry.get("path").asText();
            if ("DIRECTORY".equals(entry.get("type").asText())) {
                walk(source, child, files);
            } else {
                ApiClient.Response content = get(source, "content", child);
                assertEquals(200, content.status(), child + ": " + content.text());
                assertEquals(entry.get("size").asLong(), content.body().length, child);
                files.put(child, sha256(content.body()));
            }
        }
    }

    static ApiClient.Response get(String source, String what, String path) throws Exception {
        return send("GET", source, what, path, Map.of());
    }

    static ApiClient.Response send(String method, String source, String what, String path, Map<String, String> headers)
            throws Exception {
        return api.send(method, "/profile/sources/" + source + "/" + what + "?path=" + encode(path), adminToken, null,
                null, headers);
    }

    static ApiClient.Response sendBody(String method, String source, String what, String path, byte[] body) throws Exception {
        return api.send(method, "/profile/sources/" + source + "/" + what + "?path=" + encode(path), adminToken, body,
                body == null ? null : "application/octet-stream", Map.of());
    }

    private static String encode(String path) {
        return URLEncoder.encode(path, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Configuration configure(String factoryPid, Map<String, Object> properties) throws Exception {
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(ProfileApiTest.class).getBundleContext(), ConfigurationAdmin.class, null);
        tracker.open();
        ConfigurationAdmin admin = tracker.waitForService(30_000);
        Configuration configuration = admin.createFactoryConfiguration(factoryPid, "?");
        configuration.update(new Hashtable<>(new HashMap<>(properties)));
        return configuration;
    }

    static void awaitSource(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            ApiClient.Response sources = api.get("/profile/sources", adminToken);
            if (sources.status() == 200) {
                for (JsonNode source : sources.json()) {
                    if (id.equals(source.get("id").asText())) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("data source " + id + " never appeared: " + api.get("/profile/sources", adminToken).text());
    }

    @FunctionalInterface
    interface StatusCall {
        int status() throws Exception;
    }

    /** Configurations take effect asynchronously: poll with a deadline. */
    static void awaitStatus(int expected, StatusCall call) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = call.status();
            if (last == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected status " + expected + ", last was " + last);
    }

    static byte[] bytes(Random random, int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
