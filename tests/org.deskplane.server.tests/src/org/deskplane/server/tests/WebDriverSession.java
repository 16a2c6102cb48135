package org.deskplane.server.tests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A headless Chromium driven through chromedriver with the W3C WebDriver HTTP protocol (java.net.http and Jackson,
 * no Selenium). Waits poll with a deadline; a wait that runs out names what it waited for and the page's text.
 */
final class WebDriverSession implements AutoCloseable {

    /** The W3C key under which an element reference travels. */
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Process driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String session;

    private WebDriverSession(Process driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /**
     * Starts chromedriver on a free port and a headless Chromium with a fresh profile, a page area (viewport) of the
     * given size and downloads going to {@code downloads} without asking.
     */
    static WebDriverSession start(Chromium chromium, Path profile, Path downloads, Path driverLog, int width, int height)
            throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(driverLog.getParent());
        Process process = new ProcessBuilder(chromium.driver().toString(), "--port=" + port, "--log-path=" + driverLog)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        WebDriverSession browser = new WebDriverSession(process, "http://127.0.0.1:" + port);
        try {
            browser.awaitReady();
            List<String> args = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--ignore-certificate-errors", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + height, "--lang=en-US");
            Map<String, Object> prefs = Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false, "download.directory_upgrade", true,
                    "profile.default_content_setting_values.automatic_downloads", 1);
            Map<String, Object> options = Map.of("binary", chromium.browser().toString(), "args", args, "prefs", prefs);
            JsonNode created = browser.call("POST", "/session", Map.of("capabilities", Map.of("alwaysMatch",
                    Map.of("browserName", "chrome", "acceptInsecureCerts", true, "goog:chromeOptions", options))));
            browser.session = "/session/" + created.get("sessionId").asText();
            browser.call("POST", browser.session + "/window/rect", Map.of("width", width, "height", height));
            // the window includes what headless Chromium counts as its frame: grow it so the page itself gets the size
            JsonNode inner = browser.script("return [window.innerWidth, window.innerHeight];");
            int frameWidth = width - inner.get(0).asInt();
            int frameHeight = height - inner.get(1).asInt();
            if (frameWidth != 0 || frameHeight != 0) {
                browser.call("POST", browser.session + "/window/rect",
                        Map.of("width", width + frameWidth, "height", height + frameHeight));
            }
            return browser;
        } catch (Exception | AssertionError e) {
            browser.close();
            throw e;
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!driver.isAlive()) {
                throw new AssertionError("chromedriver exited with " + driver.exitValue());
            }
            try {
                if (call("GET", "/status", null).path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("chromedriver did not become ready within " + WAIT);
    }

    void open(String url) throws Exception {
        call("POST", session + "/url", Map.of("url", url));
    }

    /** Waits for a visible element matching the CSS selector and returns its reference. */
    String await(String css) throws Exception {
        return until("a visible " + css, () -> {
            String element = find(css);
            return element != null && displayed(element) ? element : null;
        });
    }

    /** Clicks the element once it is there (a list being redrawn may replace it between finding and clicking). */
    void click(String css) throws Exception {
        until("a click on " + css, () -> {
            String element = find(css);
            if (element == null || !displayed(element)) {
                return null;
            }
            return attempt("POST", session + "/element/" + element + "/click", Map.of()) ? element : null;
        });
    }

    void type(String css, String text) throws Exception {
        String element = await(css);
        call("POST", session + "/element/" + element + "/clear", Map.of());
        call("POST", session + "/element/" + element + "/value", Map.of("text", text));
    }

    /** Hands a local file to an {@code <input type=file>} (which may be visually hidden behind its label). */
    void choose(String css, Path file) throws Exception {
        String element = until("a file input " + css, () -> find(css));
        call("POST", session + "/element/" + element + "/value", Map.of("text", file.toString()));
    }

    /** Waits until the visible text of the element contains {@code expected}; returns that text. */
    String awaitText(String css, String expected) throws Exception {
        return until("text '" + expected + "' in " + css, () -> {
            String element = find(css);
            if (element == null || !displayed(element)) {
                return null;
            }
            JsonNode text = attemptValue("GET", session + "/element/" + element + "/text", null);
            return text != null && text.asText().contains(expected) ? text.asText() : null;
        });
    }

    String pageText() {
        try {
            return script("return document.body.innerText;").asText();
        } catch (Exception e) {
            return "(page text unavailable: " + e + ")";
        }
    }

    JsonNode script(String body, Object... args) throws Exception {
        return call("POST", session + "/execute/sync", Map.of("script", body, "args", List.of(args)));
    }

    byte[] screenshot() throws Exception {
        return Base64.getDecoder().decode(call("GET", session + "/screenshot", null).asText());
    }

    private String find(String css) throws Exception {
        JsonNode found = attemptValue("POST", session + "/element", Map.of("using", "css selector", "value", css));
        return found == null ? null : found.get(ELEMENT).asText();
    }

    private boolean displayed(String element) throws Exception {
        JsonNode shown = attemptValue("GET", session + "/element/" + element + "/displayed", null);
        return shown != null && shown.asBoolean();
    }

    @FunctionalInterface
    private interface Probe<T> {
        T value() throws Exception;
    }

    private <T> T until(String what, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.value();
            if (value != null) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what + "; the page shows:\n" + pageText());
    }

    /** A command whose WebDriver error (no such element, stale, intercepted…) means "not yet": answers null. */
    private JsonNode attemptValue(String method, String path, Object body) throws Exception {
        HttpResponse<byte[]> response = send(method, path, body);
        return response.statusCode() == 200 ? ApiClient.JSON.readTree(response.body()).get("value") : null;
    }

    private boolean attempt(String method, String path, Object body) throws Exception {
        return send(method, path, body).statusCode() == 200;
    }

    /** A command that must succeed: a WebDriver error fails the test with chromedriver's message. */
    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(method, path, body);
        JsonNode value = ApiClient.JSON.readTree(response.body()).get("value");
        if (response.statusCode() != 200) {
            throw new AssertionError("WebDriver " + method + " " + path + " failed: " + response.statusCode() + " "
                    + (value == null ? "" : value.path("error").asText() + ": " + value.path("message").asText()));
        }
        return value;
    }

    private HttpResponse<byte[]> send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(ApiClient.JSON.writeValueAsBytes(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Ends the browser session, then chromedriver and anything it left running. */
    @Override
    public void close() {
        try {
            if (session != null) {
                send("DELETE", session, null);
            }
        } catch (IOException | InterruptedException e) {
            // the processes are ended below either way
        } finally {
            driver.descendants().forEach(ProcessHandle::destroy);
            driver.destroy();
            try {
                if (!driver.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    driver.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
