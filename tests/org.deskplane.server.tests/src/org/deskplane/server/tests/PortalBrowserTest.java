package org.deskplane.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;

/**
 * The browser portal in a real headless Chromium at phone size (390×844) against the server over HTTPS: sign in
 * through the page (after a refused attempt shows its problem title), pick a share, browse into a folder, preview a
 * text file and a picture, download a binary file (its SHA-256 equals the original's) and the folder as a zip,
 * upload into a writable share, and keep screenshots in {@code target/screenshots/} ({@code portal-phone.png}: the
 * folder listing). Chromium missing is a failure, not a skip.
 */
class PortalBrowserTest extends SignedInAsAdmin {

    private static final String NOTE = "Hello from the Deskplane portal — grüße ✓\nsecond line of the note\n";

    private static Path tree;
    private static Path inbox;
    private static Configuration share;
    private static Configuration inboxShare;
    private static Configuration inboxWrites;

    @BeforeAll
    static void makeShare() throws Exception {
        tree = Files.createTempDirectory("deskplane-portal-share-");
        Path docs = Files.createDirectories(tree.resolve("docs/archive"));
        Files.writeString(docs.getParent().resolve("notes.txt"), NOTE, StandardCharsets.UTF_8);
        byte[] data = new byte[300_000];
        new Random(390844).nextBytes(data);
        Files.write(docs.getParent().resolve("data.bin"), data);
        Files.writeString(tree.resolve("readme.txt"), "top level\n");
        BufferedImage picture = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(new Color(0x1f6feb));
        g.fillRect(0, 0, 120, 80);
        g.setColor(Color.ORANGE);
        g.fillOval(30, 10, 60, 60);
        g.dispose();
        ImageIO.write(picture, "png", docs.getParent().resolve("picture.png").toFile());
        share = ProfileApiTest.configure("org.deskplane.content.share",
                Map.of("name", "portal-files", "root", tree.toString(), "roles", new String[] { "USER" }));
        ProfileApiTest.awaitSource("share:portal-files");

        inbox = Files.createTempDirectory("deskplane-portal-inbox-");
        inboxShare = ProfileApiTest.configure("org.deskplane.content.share", Map.of("name", "portal-inbox", "root",
                inbox.toString(), "roles", new String[] { "USER" }, "writable", true));
        inboxWrites = ProfileApiTest.configure("org.deskplane.content.policy", Map.of("name", "portal-inbox-writes",
                "order", 20, "effect", "ALLOW", "operations", new String[] { "WRITE" }, "sources",
                new String[] { "share:portal-inbox" }));
        ProfileApiTest.awaitSource("share:portal-inbox");
    }

    @AfterAll
    static void removeShare() throws Exception {
        for (Configuration c : new Configuration[] { share, inboxShare, inboxWrites }) {
            if (c != null) {
                c.delete();
            }
        }
    }

    @Test
    void signInBrowsePreviewAndDownloadOnAPhoneSizedScreen() throws Exception {
        Chromium chromium = Chromium.installed();
        Path target = ApiClient.dataDir().getParent();
        Path profile = Files.createTempDirectory("deskplane-chromium-profile-");
        Path downloads = Files.createTempDirectory("deskplane-chromium-downloads-");
        String portal = api.base.replaceFirst("/api$", "/portal/");
        try (WebDriverSession browser = WebDriverSession.start(chromium, profile, downloads,
                target.resolve("chromedriver.log"), 390, 844)) {
            browser.open(portal);

            // a refused sign-in shows the problem's title, then the real one gets through
            browser.type("#username", "portal-nobody");
            browser.type("#password", "wrong");
            browser.click("#login-button");
            assertFalse(browser.awaitText("#error-title", "").isBlank(), "the refusal shows the problem title");

            browser.type("#username", "admin");
            browser.type("#password", ApiClient.adminPassword());
            browser.click("#login-button");
            browser.click("#sources li[data-id='share:portal-files'] button.open");
            browser.click("#entries li[data-path='/docs'] button.open");
            browser.awaitText("#breadcrumbs", "docs");
            browser.await("#entries li[data-path='/docs/archive'][data-type='DIRECTORY']");

            browser.click("#entries li[data-path='/docs/notes.txt'] button.open");
            String shown = browser.awaitText("#preview-text", "second line of the note");
            assertTrue(shown.contains("Hello from the Deskplane portal — grüße ✓"), shown);
            save(browser, target.resolve("screenshots/portal-phone-preview.png"));

            browser.click("#close-preview");
            browser.click("#entries li[data-path='/docs/picture.png'] button.open");
            browser.await("#preview-image");
            assertEquals(120, browser.script("const image = document.getElementById('preview-image');"
                    + " return image.complete && image.src.startsWith('blob:') ? image.naturalWidth : -1;").asInt(),
                    "the image preview shows the decoded picture");

            browser.click("#close-preview");
            browser.click("#entries li[data-path='/docs/data.bin'] button.download");
            Path downloaded = awaitDownload(downloads.resolve("data.bin"), Files.size(tree.resolve("docs/data.bin")));
            assertEquals(ProfileApiTest.sha256(Files.readAllBytes(tree.resolve("docs/data.bin"))),
                    ProfileApiTest.sha256(Files.readAllBytes(downloaded)), "the downloaded file equals the original");

            // the folder as a zip: every file of docs/ inside, byte for byte
            browser.click("#download-folder");
            Path zip = awaitDownload(downloads.resolve("docs.zip"), -1);
            Map<String, String> expected = new TreeMap<>();
            try (var walk = Files.walk(tree.resolve("docs"))) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    expected.put(tree.resolve("docs").relativize(file).toString(),
                            ProfileApiTest.sha256(Files.readAllBytes(file)));
                }
            }
            Map<String, String> zipped = new TreeMap<>();
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                    if (!entry.isDirectory()) {
                        zipped.put(entry.getName(), ProfileApiTest.sha256(in.readAllBytes()));
                    }
                }
            }
            assertEquals(expected, zipped, "the folder download holds the folder's files");

            browser.await("#entries li[data-path='/docs/notes.txt']");
            save(browser, target.resolve("screenshots/portal-phone.png"));
            assertTrue(browser.script("return window.innerWidth === 390 && document.documentElement.scrollWidth <= 390;")
                    .asBoolean(), "a 390 px wide page with nothing wider than the phone's screen");

            // upload into the writable share: the file lands on disk byte for byte and shows in the list
            browser.click("#back-to-sources");
            browser.click("#sources li[data-id='share:portal-inbox'] button.open");
            browser.await("#upload-label");
            browser.choose("#upload-input", tree.resolve("docs/notes.txt"));
            browser.await("#entries li[data-path='/notes.txt']");
            assertEquals(NOTE, Files.readString(inbox.resolve("notes.txt"), StandardCharsets.UTF_8));
        }
    }

    private static boolean downloading(Path folder) throws Exception {
        try (var listing = Files.list(folder)) {
            return listing.anyMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
        }
    }

    @Test
    void portalPagesComeFromTheSameHttpsServerWithAStrictContentSecurityPolicy() throws Exception {
        ApiClient.Response folder = api.getFromServerRoot("/portal");
        assertEquals(302, folder.status(), "relative links need the trailing slash");
        assertTrue(folder.headers().firstValue("Location").orElse("").endsWith("/portal/"),
                folder.headers().toString());

        ApiClient.Response index = api.getFromServerRoot("/portal/");
        assertEquals(200, index.status());
        assertTrue(index.contentType().replace(" ", "").equalsIgnoreCase("text/html;charset=UTF-8"),
                index.contentType());
        assertTrue(index.text().contains("id=\"login-form\""), index.text());
        String policy = index.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("default-src 'self'") && !policy.contains("unsafe-inline"), policy);
        assertEquals("nosniff", index.headers().firstValue("X-Content-Type-Options").orElse(""));

        ApiClient.Response script = api.getFromServerRoot("/portal/portal.js");
        assertEquals(200, script.status());
        assertTrue(script.contentType().startsWith("text/javascript"), script.contentType());
        assertEquals(404, api.getFromServerRoot("/portal/no-such-page.html").status());
        assertEquals(404, api.getFromServerRoot("/portal/META-INF/MANIFEST.MF").status());
    }

    private static void save(WebDriverSession browser, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        byte[] png = browser.screenshot();
        assertTrue(png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG screenshot");
        Files.write(file, png);
    }

    /**
     * Chromium writes a {@code .crdownload} file and renames it when complete: wait for the final name, the size
     * when it is known ({@code size < 0}: unknown) and no download still in progress.
     */
    private static Path awaitDownload(Path file, long size) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(file) && (size < 0 || Files.size(file) == size) && !downloading(file.getParent())) {
                return file;
            }
            Thread.sleep(100);
        }
        try (var listing = Files.list(file.getParent())) {
            throw new AssertionError("no complete download " + file + " within 30 s; the folder holds "
                    + listing.map(p -> p.getFileName().toString()).toList());
        }
    }
}
