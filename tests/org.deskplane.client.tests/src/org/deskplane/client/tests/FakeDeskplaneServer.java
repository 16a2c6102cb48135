package org.deskplane.client.tests;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A stand-in Deskplane server on 127.0.0.1 speaking the REST contract (JSON, problem+json, bearer tokens)
 * with a handful of bundles. It exists so that the client is tested over real HTTPS with a real self-signed
 * certificate; it does not pretend to manage bundles beyond changing their state field.
 */
final class FakeDeskplaneServer implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String LOCKED_USER = "locked";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final SelfSignedKeyStore keys;
    private final String adminPassword;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<Long, ObjectNode> bundles = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    FakeDeskplaneServer(String adminPassword) throws Exception {
        this.adminPassword = adminPassword;
        this.keys = SelfSignedKeyStore.create("fake-server");
        addBundle(0, "org.eclipse.osgi", "3.24.0", "ACTIVE", "");
        addBundle(7, "org.deskplane.security.api", "0.1.0", "RESOLVED", "org.deskplane.platform.feature");
        addBundle(8, "org.deskplane.rest.api", "0.1.0", "ACTIVE", "org.deskplane.platform.feature");
        addBundle(9, "org.deskplane.bundles.api", "0.1.0", "ACTIVE", "org.deskplane.platform.feature");
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(keys.serverContext()));
        server.createContext("/api/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUrl() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    String fingerprint() throws Exception {
        return keys.sha256Fingerprint();
    }

    /** The Authorization headers of all requests after login, in order. */
    List<String> authorizations() {
        return authorizations;
    }

    List<String> requests() {
        return requests;
    }

    /** Forgets every token, as a server restart or expiry would. */
    void revokeAllTokens() {
        tokens.clear();
    }

    private void addBundle(long id, String name, String version, String state, String feature) {
        ObjectNode bundle = json.createObjectNode().put("id", id).put("symbolicName", name).put("version", version)
                .put("state", state).put("location", "reference:file:" + name + ".jar").put("fragment", false)
                .put("lastModified", 1_700_000_000_000L).put("feature", feature);
        bundles.put(id, bundle);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath().substring("/api".length());
            requests.add(method + " " + exchange.getRequestURI());
            if (path.equals("/auth/login") && method.equals("POST")) {
                login(exchange);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            if (authorization == null || !authorization.startsWith("Bearer ")
                    || !tokens.contains(authorization.substring(7))) {
                problem(exchange, 401, "Unauthorized", "missing, unknown or expired bearer token");
                return;
            }
            route(exchange, method, path);
        } catch (IOException | RuntimeException | Error e) {
            e.printStackTrace(); // the test's output is where a broken stand-in server must show up
            problem(exchange, 500, "Internal error", e.toString());
        }
    }

    private void route(HttpExchange exchange, String method, String path) throws IOException {
        String[] parts = path.split("/");
        if (path.equals("/auth/logout")) {
            tokens.remove(exchange.getRequestHeaders().getFirst("Authorization").substring(7));
            send(exchange, 204, null);
        } else if (path.equals("/bundles") && method.equals("GET")) {
            ArrayNode list = json.createArrayNode();
            bundles.keySet().stream().sorted().forEach(id -> list.add(bundles.get(id)));
            send(exchange, 200, list);
        } else if (parts.length == 4 && parts[1].equals("bundles") && method.equals("POST")) {
            bundleAction(exchange, Long.parseLong(parts[2]), parts[3]);
        } else if (parts.length == 3 && parts[1].equals("bundles") && method.equals("DELETE")) {
            long id = Long.parseLong(parts[2]);
            if (bundles.remove(id) == null) {
                problem(exchange, 404, "Not found", "no bundle with id " + id);
            } else {
                send(exchange, 204, null);
            }
        } else if (path.equals("/features") && method.equals("GET")) {
            ArrayNode list = json.createArrayNode();
            list.add(json.createObjectNode().put("id", "org.deskplane.platform.feature").put("version", "0.1.0")
                    .put("label", "Deskplane platform").put("source", "product")
                    .set("bundles", json.createArrayNode().add("org.deskplane.rest.api")));
            send(exchange, 200, list);
        } else if (path.equals("/features") && method.equals("POST")) {
            JsonNode body = json.readTree(exchange.getRequestBody());
            problem(exchange, 404, "Not found", "feature " + body.path("featureId").asText() + " is not in "
                    + body.path("repository").asText());
        } else if (path.equals("/audit") && method.equals("GET")) {
            ArrayNode list = json.createArrayNode();
            list.add(json.createObjectNode().put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                    .put("actor", ADMIN).put("action", "auth.login").put("target", "").put("result", "SUCCESS")
                    .put("detail", "").put("source", "127.0.0.1"));
            list.add(json.createObjectNode().put("time", "2026-01-02T03:04:05Z").put("actor", "mallory")
                    .put("action", "auth.login").put("target", "").put("result", "FAILURE")
                    .put("detail", "bad password").put("source", "127.0.0.1"));
            send(exchange, 200, list);
        } else if (path.equals("/users") && method.equals("GET")) {
            ArrayNode list = json.createArrayNode();
            list.add(json.createObjectNode().put("username", ADMIN).put("role", "ADMIN")
                    .put("created", "2026-01-02T03:04:05Z").put("locked", false));
            list.add(json.createObjectNode().put("username", "bob").put("role", "USER")
                    .put("created", "2026-01-02T03:04:06Z").put("locked", false));
            send(exchange, 200, list);
        } else if (path.startsWith("/print/")) {
            print(exchange, method, path);
        } else if (path.startsWith("/hypervisor/")) {
            hypervisor(exchange, method, path);
        } else if (path.startsWith("/profile/sources/share:docs/") && method.equals("GET")) {
            content(exchange, parts[parts.length - 1]);
        } else {
            problem(exchange, 404, "Not found", "no route for " + method + " " + path);
        }
    }

    /**
     * The print routes' edge cases the real server rarely shows: a driver that failed to list, dates written as
     * epoch seconds, fields the client does not know, an unknown job (404) and a refused rule (400).
     */
    private void print(HttpExchange exchange, String method, String path) throws IOException {
        if (path.equals("/print/printers") && method.equals("GET")) {
            ArrayNode drivers = json.createArrayNode();
            drivers.add(json.createObjectNode().put("driver", "cups").put("error", "cupsd is not reachable")
                    .set("printers", json.createArrayNode()));
            ArrayNode printers = json.createArrayNode();
            printers.add(json.createObjectNode().put("id", "pdf.pdf").put("driver", "pdf").put("printerId", "pdf")
                    .put("name", "PDF").put("location", "Room 1").put("state", "idle").put("acceptingJobs", true)
                    .put("nearest", false).put("addedLater", "ignored").<com.fasterxml.jackson.databind.node.ObjectNode>set(
                            "stateReasons", json.createArrayNode().add("none"))
                    .set("capabilities", json.createObjectNode().put("minCopies", 1).put("maxCopies", 1)
                            .<com.fasterxml.jackson.databind.node.ObjectNode>set("documentFormats",
                                    json.createArrayNode().add("application/pdf"))
                            .set("resolutions", json.createArrayNode().add(json.createObjectNode().put("crossFeed", 300)
                                    .put("feed", 300).put("perInch", true)))));
            drivers.add(json.createObjectNode().put("driver", "pdf").putNull("error").set("printers", printers));
            send(exchange, 200, drivers);
        } else if (path.equals("/print/jobs/job-1") && method.equals("GET")) {
            send(exchange, 200, json.createObjectNode().put("id", "job-1").put("vm", "demo-1:de5c-1")
                    .put("vmName", "desk").put("pool", "office").put("user", "alice").put("printer", "pdf.pdf")
                    .put("documentFormat", "application/pdf").put("jobName", "report").putNull("application")
                    .put("bytes", 1234).put("sha256", "ab").put("state", "PRINTING").put("reason", "")
                    .put("pages", 2).put("driverJob", "pdf:report--job-1.pdf").put("created", 1767225600.5)
                    .put("updated", "2026-01-01T00:00:01Z").put("futureField", 7));
        } else if (path.startsWith("/print/jobs/") && method.equals("GET")) {
            problem(exchange, 404, "Not found", "no print job");
        } else if (path.startsWith("/print/policies/") && method.equals("PUT")) {
            drain(exchange.getRequestBody());
            problem(exchange, 400, "Bad request", "print policy rule 'x': users: a glob must not be blank");
        } else {
            problem(exchange, 404, "Not found", "no route for " + method + " " + path);
        }
    }

    /** The one file of the fake's share {@code share:docs}: {@code /notes.txt}. Tests may change it. */
    volatile byte[] notes = "0123456789abcdefghij".getBytes(StandardCharsets.UTF_8);

    /** Range headers the content route received, in order. */
    final List<String> ranges = new CopyOnWriteArrayList<>();

    private void content(HttpExchange exchange, String route) throws IOException {
        String query = String.valueOf(exchange.getRequestURI().getQuery());
        // ?as= is what an administrator's view on behalf of a user adds (the requests list shows it)
        if (!query.equals("path=/notes.txt") && !query.equals("path=/notes.txt&as=bob")) {
            problem(exchange, 404, "Not found", "no " + query + " in share:docs");
            return;
        }
        byte[] bytes = notes;
        String etag = "v" + java.util.Arrays.hashCode(bytes);
        if (route.equals("stat")) {
            send(exchange, 200, json.createObjectNode().put("name", "notes.txt").put("path", "/notes.txt")
                    .put("type", "FILE").put("size", bytes.length).put("modified", "2026-01-02T03:04:05Z")
                    .put("etag", etag));
            return;
        }
        String range = exchange.getRequestHeaders().getFirst("Range");
        ranges.add(String.valueOf(range));
        String[] bounds = range.substring("bytes=".length()).split("-");
        int first = Integer.parseInt(bounds[0]);
        int last = Math.min(bytes.length - 1, Integer.parseInt(bounds[1]));
        exchange.getResponseHeaders().set("ETag", "\"" + etag + "\"");
        exchange.getResponseHeaders().set("Content-Range", "bytes " + first + "-" + last + "/" + bytes.length);
        exchange.sendResponseHeaders(206, last - first + 1);
        exchange.getResponseBody().write(bytes, first, last - first + 1);
    }

    static final String VM_UUID = "11111111-0000-4000-8000-000000000001";

    /**
     * One connection "lab" with one VM, shaped as the server's Jackson writes the API records; VM actions answer
     * with the statuses the server maps hypervisor failures to (see org.deskplane.hypervisor.rest's README).
     */
    private void hypervisor(HttpExchange exchange, String method, String path) throws IOException {
        String vm = "/hypervisor/vms/lab/" + VM_UUID;
        if (path.equals("/hypervisor/connections") && method.equals("GET")) {
            send(exchange, 200, json.createArrayNode().add(json.createObjectNode().put("id", "lab")
                    .put("uri", "test:///default").put("state", "CONNECTED").put("since", "2026-01-02T03:04:05Z")
                    .putNull("lastError").put("hostName", "lab-host").put("hypervisor", "TEST")));
        } else if (path.equals("/hypervisor/vms") && method.equals("GET")) {
            send(exchange, 200, json.createArrayNode().add(vmJson()));
        } else if (path.equals(vm) && method.equals("GET")) {
            send(exchange, 200, vmJson());
        } else if (path.equals(vm + "/start")) {
            send(exchange, 200, vmJson());
        } else if (path.equals(vm + "/media/hdc") && method.equals("POST")) {
            problem(exchange, 501, "Not supported by this hypervisor",
                    "insertMedia is not supported by this hypervisor (connection 'lab')");
        } else if (path.equals(vm + "/suspend")) {
            problem(exchange, 409, "Not possible now", "domain is not running");
        } else if (path.equals(vm + "/resume")) {
            problem(exchange, 503, "Hypervisor unavailable", "connection 'lab' is down");
        } else if (path.equals(vm + "/destroy")) {
            problem(exchange, 502, "Hypervisor error", "internal libvirt error");
        } else {
            problem(exchange, 404, "Not found", "no VM or route " + method + " " + path);
        }
    }

    private ObjectNode vmJson() {
        ObjectNode vm = json.createObjectNode();
        vm.set("id", json.createObjectNode().put("connectionId", "lab").put("uuid", VM_UUID));
        vm.put("name", "desk-01").put("state", "RUNNING").put("persistent", true).put("managedSaveImage", false)
                .put("vcpus", 2).put("memoryKiB", 2_097_152L);
        ArrayNode disks = vm.putArray("disks");
        ObjectNode disk = disks.addObject().put("target", "vda").put("device", "disk").put("bus", "virtio")
                .put("path", "/images/desk-01.qcow2").put("format", "qcow2").put("readOnly", false)
                .put("cdrom", false);
        disk.putArray("backingChain").addObject().put("path", "/images/base.qcow2").put("format", "qcow2");
        disks.addObject().put("target", "hdc").put("device", "cdrom").put("bus", "ide").putNull("path")
                .putNull("format").put("readOnly", true).put("cdrom", true).putArray("backingChain");
        vm.putArray("channels").addObject().put("type", "unix").put("name", "org.deskplane.agent.0")
                .put("path", "/run/desk-01.agent");
        vm.putObject("metadata").put("template", "win11");
        return vm;
    }

    private void bundleAction(HttpExchange exchange, long id, String action) throws IOException {
        ObjectNode bundle = bundles.get(id);
        if (bundle == null) {
            problem(exchange, 404, "Not found", "no bundle with id " + id);
        } else if (id == 0 && !action.equals("update")) {
            problem(exchange, 409, "Conflict", "the system bundle cannot be started or stopped");
        } else {
            switch (action) {
                case "start" -> bundle.put("state", "ACTIVE");
                case "stop" -> bundle.put("state", "RESOLVED");
                case "update" -> bundle.put("lastModified", System.currentTimeMillis());
                default -> {
                    problem(exchange, 404, "Not found", "no action " + action);
                    return;
                }
            }
            send(exchange, 200, bundle);
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody());
        String user = body.path("username").asText();
        if (user.equals(LOCKED_USER)) {
            exchange.getResponseHeaders().add("Retry-After", "30");
            problem(exchange, 429, "Too many requests", "too many failed logins; wait");
        } else if (user.equals(ADMIN) && body.path("password").asText().equals(adminPassword)) {
            String token = UUID.randomUUID().toString();
            tokens.add(token);
            send(exchange, 200, json.createObjectNode().put("token", token).put("username", user)
                    .put("role", "ADMIN").put("expiresAt", Instant.now().plusSeconds(3600)
                            .truncatedTo(ChronoUnit.SECONDS).toString()));
        } else {
            problem(exchange, 401, "Unauthorized", "wrong user name or password");
        }
    }

    private void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
        ObjectNode problem = json.createObjectNode().put("type", "about:blank").put("title", title)
                .put("status", status).put("detail", detail);
        byte[] bytes = json.writeValueAsBytes(problem);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        drain(exchange.getRequestBody());
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void drain(InputStream in) {
        try {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException alreadyClosed) {
            // Jackson closes the body it parsed: nothing left to drain
        }
    }

    List<Long> bundleIds() {
        return new ArrayList<>(bundles.keySet());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
