package org.deskplane.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Installs a feature from the update site this build produced into the running server through the REST
 * API, uses it, and uninstalls it again.
 */
class FeatureInstallTest extends SignedInAsAdmin {

    private static final String FEATURE = "org.deskplane.diagnostics.feature";



    @Test
    void installUseUninstallFromTheBuiltUpdateSite() throws Exception {
        Path repository = Path.of(System.getProperty("deskplane.test.p2repo"));
        assertTrue(Files.exists(repository.resolve("content.jar")) || Files.exists(repository.resolve("content.xml")),
                "the update site was not built at " + repository);
        assertEquals(404, api.get("/diagnostics", adminToken).status(), "diagnostics must not be there before");

        ApiClient.Response installed = api.postJson("/features", adminToken,
                Map.of("repository", repository.toUri().toString(), "featureId", FEATURE));
        assertEquals(201, installed.status(), installed.text());
        assertEquals(FEATURE, installed.json().get("id").asText());

        ApiClient.Response diagnostics = waitForStatus("/diagnostics", 200);
        assertTrue(diagnostics.json().get("jvm").has("heapUsed"), diagnostics.text());
        boolean listed = false;
        for (JsonNode f : api.get("/features", adminToken).json()) {
            listed |= f.get("id").asText().equals(FEATURE);
        }
        assertTrue(listed, "installed feature not listed");

        assertEquals(204, api.send("DELETE", "/features/" + FEATURE, adminToken, null, null).status());
        waitForStatus("/diagnostics", 404);
        for (JsonNode b : api.get("/bundles", adminToken).json()) {
            assertTrue(!b.get("symbolicName").asText().equals("org.deskplane.diagnostics"),
                    "diagnostics bundle still installed");
        }
    }

    private static ApiClient.Response waitForStatus(String path, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ApiClient.Response last;
        do {
            last = api.get(path, adminToken);
            if (last.status() == status) {
                return last;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " never answered " + status + "; last " + last.status() + " " + last.text());
    }
}
