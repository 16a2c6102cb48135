package org.deskplane.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.routing.PrintRouter;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.routing.SpoolState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The print routes over real HTTPS against the server's bundles (router, PDF directory driver, demo hypervisor):
 * printers per driver and per VM, a job submitted through the router listed with its live state, cancel, the policy
 * rules' CRUD with validation, and a user who sees only their own jobs.
 */
class PrintApiTest extends SignedInAsAdmin {

    private static final String PDF_PRINTER = "pdf.pdf";
    private static final String DEMO_CONNECTION = "demo-1";
    private static final String ALICES_DESK = "de5c0000-0001-4000-8000-000000000001";
    private static PrintRouter router;
    private static String user;
    private static String userToken;

    @BeforeAll
    static void routerAndUser() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(PrintApiTest.class).getBundleContext();
        ServiceTracker<PrintRouter, PrintRouter> tracker = new ServiceTracker<>(context, PrintRouter.class, null);
        tracker.open(); // left open: the router is used through the whole class
        router = tracker.waitForService(60_000);
        assertTrue(router != null, "print router service");
        user = "erin-" + UUID.randomUUID().toString().substring(0, 6);
        ApiClient.Response created = api.postJson("/users", adminToken, Map.of("username", user,
                "password", "erin-password-123456", "role", "USER"));
        assertEquals(201, created.status(), created.text());
        userToken = api.login(user, "erin-password-123456");
    }

    private static byte[] pdf(String text) {
        String stream = "BT /F1 18 Tf 72 720 Td (" + text + ") Tj ET";
        return ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
                + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n"
                + "4 0 obj << /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static PrintingContext contextOf(String who) {
        return new PrintingContext(DEMO_CONNECTION, ALICES_DESK, "win11-desk-01", "office", who);
    }

    private static String submit(String who) throws PrintException {
        String key = "api-" + UUID.randomUUID();
        byte[] document = pdf("printed by " + who);
        router.submit(contextOf(who), PDF_PRINTER, PrintJobRequest.of("application/pdf", "api test").withIdempotencyKey(key)
                .withOrigin(new PrintJobRequest.Origin(who, "win11-desk-01", "notepad")), new ByteArrayInputStream(document),
                document.length);
        return key;
    }

    private static JsonNode await(String path, String token, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ApiClient.Response last = null;
        while (System.nanoTime() < deadline) {
            last = api.get(path, token);
            if (last.status() == 200 && condition.test(last.json())) {
                return last.json();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out on " + path + ": " + (last == null ? "no answer" : last.status() + " " + last.text()));
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    @Test
    void printersPerDriverAndPerVm() throws Exception {
        JsonNode drivers = await("/print/printers", adminToken, json -> stream(json)
                .anyMatch(d -> d.path("driver").asText().equals("pdf") && d.path("printers").size() == 1));
        JsonNode pdf = stream(drivers).filter(d -> d.path("driver").asText().equals("pdf")).findFirst().orElseThrow()
                .path("printers").get(0);
        assertEquals(PDF_PRINTER, pdf.path("id").asText());
        assertEquals("IDLE", pdf.path("state").asText());
        assertEquals("application/pdf", pdf.path("capabilities").path("documentFormats").get(0).asText());

        JsonNode vmPrinters = await("/print/vms/" + DEMO_CONNECTION + "/" + ALICES_DESK + "/printers", adminToken,
                json -> stream(json).anyMatch(p -> p.path("id").asText().equals(PDF_PRINTER)));
        assertTrue(vmPrinters.isArray());
        assertEquals(403, api.get("/print/printers", userToken).status(), "operators only");
        assertEquals(404, api.get("/print/vms/" + DEMO_CONNECTION + "/00000000-0000-4000-8000-000000000000/printers",
                adminToken).status());
    }

    @Test
    void aJobIsListedWithItsLiveStateAndAUserSeesOnlyTheirOwn() throws Exception {
        String mine = submit(user);
        String theirs = submit("someone-else");
        JsonNode done = await("/print/jobs/" + mine, userToken, j -> j.path("state").asText().equals("COMPLETED"));
        assertEquals(user, done.path("user").asText());
        assertEquals(PDF_PRINTER, done.path("printer").asText());
        assertEquals("notepad", done.path("application").asText());
        assertEquals(DEMO_CONNECTION + ":" + ALICES_DESK, done.path("vm").asText());
        assertTrue(done.path("bytes").asLong() > 0);

        JsonNode usersJobs = api.get("/print/jobs?limit=1000", userToken).json();
        assertTrue(stream(usersJobs).anyMatch(j -> j.path("id").asText().equals(mine)));
        assertTrue(stream(usersJobs).allMatch(j -> j.path("user").asText().equals(user)), usersJobs.toString());
        assertEquals(404, api.get("/print/jobs/" + theirs, userToken).status(), "another user's job is not theirs to see");
        assertEquals(404, api.send("POST", "/print/jobs/" + theirs + "/cancel", userToken, new byte[0], "application/json").status());

        JsonNode all = api.get("/print/jobs?vm=" + DEMO_CONNECTION + ":" + ALICES_DESK + "&limit=1000", adminToken).json();
        assertTrue(stream(all).anyMatch(j -> j.path("id").asText().equals(theirs)), "operators see every job");
        assertEquals(400, api.get("/print/jobs?limit=0", adminToken).status());
    }

    @Test
    void anAdministratorPrintsATestPageFromAVmAsItsOwner() throws Exception {
        String path = "/print/jobs?vm=" + DEMO_CONNECTION + ":" + ALICES_DESK + "&printer=" + PDF_PRINTER + "&name=test%20page";
        ApiClient.Response created = api.send("POST", path, adminToken, pdf("test page"), "application/pdf");
        assertEquals(201, created.status(), created.text());
        String id = created.json().path("id").asText();
        assertEquals("alice", created.json().path("user").asText(), "printed as the VM's owner (metadata owner)");
        assertEquals("test page", created.json().path("jobName").asText());
        JsonNode done = await("/print/jobs/" + id, adminToken, j -> j.path("state").asText().equals("COMPLETED"));
        assertEquals(pdf("test page").length, done.path("bytes").asLong());
        assertEquals(SpoolState.COMPLETED, router.job(id).orElseThrow().state());

        assertEquals(403, api.send("POST", path, userToken, pdf("x"), "application/pdf").status(), "admins only");
        assertEquals(400, api.send("POST", "/print/jobs?vm=nocolon&printer=" + PDF_PRINTER, adminToken, pdf("x"),
                "application/pdf").status());
        assertEquals(404, api.send("POST", "/print/jobs?vm=" + DEMO_CONNECTION + ":" + ALICES_DESK + "&printer=pdf.none",
                adminToken, pdf("x"), "application/pdf").status(), "no such printer");
    }

    @Test
    void aSpooledJobIsCancelledAndNeverPrinted() throws Exception {
        assertTrue(router.printersFor(contextOf(user)).stream().anyMatch(p -> p.id().equals(PDF_PRINTER)));
        Bundle pdfDriver = Stream.of(FrameworkUtil.getBundle(PrintApiTest.class).getBundleContext().getBundles())
                .filter(b -> b.getSymbolicName().equals("org.deskplane.print.pdf")).findFirst().orElseThrow();
        String key;
        pdfDriver.stop();
        try {
            key = submit(user);
            JsonNode waiting = await("/print/jobs/" + key, userToken, j -> j.path("reason").asText().contains("waiting for"));
            assertEquals("SPOOLED", waiting.path("state").asText());
            ApiClient.Response cancelled = api.send("POST", "/print/jobs/" + key + "/cancel", userToken, new byte[0],
                    "application/json");
            assertEquals(200, cancelled.status(), cancelled.text());
            assertEquals("CANCELLED", cancelled.json().path("state").asText());
        } finally {
            pdfDriver.start();
        }
        assertEquals(SpoolState.CANCELLED, router.job(key).orElseThrow().state());
    }

    @Test
    void policiesAreWrittenValidatedAndDeleted() throws Exception {
        String denied = "mallory-" + UUID.randomUUID().toString().substring(0, 6);
        String name = "deny-" + denied;
        ApiClient.Response put = api.send("PUT", "/print/policies/" + name, adminToken, ApiClient.JSON.writeValueAsBytes(
                Map.of("order", 5, "effect", "DENY", "users", List.of(denied))), "application/json");
        assertEquals(200, put.status(), put.text());
        try {
            assertEquals("DENY", put.json().path("effect").asText());
            assertTrue(stream(api.get("/print/policies", adminToken).json())
                    .anyMatch(r -> r.path("name").asText().equals(name)));
            assertEquals(denied, api.get("/print/policies/" + name, adminToken).json().path("users").get(0).asText());

            // the rule is in force: the VM shows that user no printers, a job is denied, audited and listed
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!router.printersFor(contextOf(denied)).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(List.of(), router.printersFor(contextOf(denied)));
            assertTrue(!router.printersFor(contextOf(user)).isEmpty(), "other users still see printers");
            PrintException refused = org.junit.jupiter.api.Assertions.assertThrows(PrintException.class,
                    () -> submit(denied));
            assertEquals(PrintException.Kind.DENIED, refused.kind());
            JsonNode audit = api.get("/audit?action=print.job&actor=" + denied + "&limit=10", adminToken).json();
            assertTrue(stream(audit).anyMatch(e -> e.path("result").asText().equals("DENIED")), audit.toString());
            assertTrue(stream(api.get("/print/jobs?limit=1000", adminToken).json())
                    .anyMatch(j -> j.path("user").asText().equals(denied) && j.path("state").asText().equals("DENIED")));

            assertEquals(400, api.send("PUT", "/print/policies/bad", adminToken, ApiClient.JSON.writeValueAsBytes(
                    Map.of("effect", "MAYBE")), "application/json").status());
            assertEquals(400, api.send("PUT", "/print/policies/bad", adminToken, ApiClient.JSON.writeValueAsBytes(
                    Map.of("effect", "ALLOW", "users", List.of(" "))), "application/json").status());
            assertEquals(400, api.send("PUT", "/print/policies/bad", adminToken, ApiClient.JSON.writeValueAsBytes(
                    Map.of("name", "other", "effect", "ALLOW")), "application/json").status());
            assertEquals(404, api.get("/print/policies/bad", adminToken).status(), "nothing stored from bad rules");
            assertEquals(403, api.get("/print/policies", userToken).status(), "admins only");
        } finally {
            assertEquals(204, api.send("DELETE", "/print/policies/" + name, adminToken, null, null).status());
        }
        assertEquals(404, api.get("/print/policies/" + name, adminToken).status());
        assertEquals(404, api.send("DELETE", "/print/policies/" + name, adminToken, null, null).status());
    }
}
