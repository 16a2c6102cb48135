package org.deskplane.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Content search through the Profile API over real HTTPS: a share is indexed in the background by the running
 * content index (its state visible at {@code /index}), {@code search?in=content} finds files by words and phrases
 * with snippets, in JSON and XML, name search stays the default, and a DENY rule on a folder hides the hits below
 * it — snippets included — while the search itself is audited.
 */
class ContentSearchApiTest extends SignedInAsAdmin {
    private static final String SOURCE = "share:searchable";

    private static Path tree;
    private static Configuration share;

    @BeforeAll
    static void makeShare() throws Exception {
        tree = Files.createTempDirectory("deskplane-search-");
        Files.createDirectories(tree.resolve("notes"));
        Files.createDirectories(tree.resolve("private"));
        Files.writeString(tree.resolve("notes/plan.txt"), "The roadmap for Zürich mentions the quarterly budget.\n");
        Files.writeString(tree.resolve("private/salaries.txt"), "Budget secret: the salaries of everyone.\n");
        Files.writeString(tree.resolve("readme.md"), "Welcome. Nothing about money here.\n");
        byte[] binary = new byte[4096];
        new Random(3).nextBytes(binary);
        binary[10] = 0;
        System.arraycopy("budget".getBytes(StandardCharsets.US_ASCII), 0, binary, 20, 6);
        Files.write(tree.resolve("notes/image.bin"), binary);
        share = ProfileApiTest.configure("org.deskplane.content.share", Map.of("name", "searchable", "root", tree.toString(),
                "roles", new String[] { "USER" }));
    }

    @AfterAll
    static void removeShare() throws Exception {
        if (share != null) {
            share.delete();
        }
        api.send("DELETE", "/profile/policies/search-no-private", adminToken, null, null);
    }

    @Test
    void filesAreFoundByTheirTextAndADenyRuleHidesTheHitsBelowIt() throws Exception {
        ProfileApiTest.awaitSource(SOURCE);
        JsonNode status = awaitIndexReady();
        assertTrue(status.get("indexed").asBoolean(), status.toString());
        assertEquals(4, status.get("filesTotal").asLong(), status.toString());

        JsonNode found = contentSearch("/", "BUDGET");
        assertTrue(found.get("index").get("indexed").asBoolean(), found.toString());
        assertEquals(List.of("/notes/plan.txt", "/private/salaries.txt"), paths(found), "the binary is not a hit");
        JsonNode plan = hit(found, "/notes/plan.txt");
        assertEquals("The roadmap for Zürich mentions the quarterly budget.", plan.get("snippet").asText());
        assertEquals("FILE", plan.get("entry").get("type").asText());
        assertEquals(List.of("/notes/plan.txt"), paths(contentSearch("/", "zurich ROADMAP")), "accents and case");
        assertEquals(List.of("/private/salaries.txt"), paths(contentSearch("/", "\"budget secret\"")), "a phrase");
        assertEquals(List.of(), paths(contentSearch("/", "\"secret budget\"")));
        assertEquals(List.of("/notes/plan.txt"), paths(contentSearch("/notes", "budget")), "below ?path= only");

        ApiClient.Response xml = api.send("GET", searchUrl("/", "budget", "content"), adminToken, null, null,
                Map.of("Accept", "application/xml"));
        assertEquals(200, xml.status(), xml.text());
        assertTrue(xml.text().contains("<contentSearchResult><index><sourceId>share:searchable</sourceId><indexed>true"),
                xml.text());
        assertTrue(xml.text().contains("<snippet>The roadmap for Zürich"), xml.text());

        JsonNode byName = api.get(searchUrl("/", "PLAN", null), adminToken).json();
        assertTrue(byName.isArray(), "name search stays the default: " + byName);
        assertEquals("/notes/plan.txt", byName.get(0).get("path").asText());
        assertEquals(400, api.get(searchUrl("/", "budget", "everywhere"), adminToken).status());
        assertEquals(400, api.get(searchUrl("/", "  ", "content"), adminToken).status());

        ApiClient.Response rule = api.send("PUT", "/profile/policies/search-no-private", adminToken,
                ApiClient.JSON.writeValueAsBytes(Map.of("order", 1, "effect", "DENY", "sources", List.of(SOURCE),
                        "paths", List.of("/private/**"))), "application/json");
        assertEquals(200, rule.status(), rule.text());
        ProfileApiTest.awaitStatus(403, () -> ProfileApiTest.get(SOURCE, "entries", "/private").status());
        ApiClient.Response hidden = api.get(searchUrl("/", "budget", "content"), adminToken);
        assertEquals(List.of("/notes/plan.txt"), paths(hidden.json()), "no hit under a denied folder");
        assertFalse(hidden.text().contains("salaries"), "not even its name or snippet: " + hidden.text());
        assertEquals(List.of(), paths(contentSearch("/", "secret")));
        assertEquals(403, api.get(searchUrl("/private", "budget", "content"), adminToken).status());

        JsonNode audit = api.get("/audit?action=content.search.content&limit=100", adminToken).json();
        boolean allowed = false;
        boolean denied = false;
        for (JsonNode event : audit) {
            String target = event.get("target").asText();
            allowed |= "SUCCESS".equals(event.get("result").asText()) && target.equals(SOURCE + ":/");
            denied |= "DENIED".equals(event.get("result").asText()) && target.equals(SOURCE + ":/private");
        }
        assertTrue(allowed && denied, "content searches are audited like every request: " + audit);
        assertEquals(204, api.send("DELETE", "/profile/policies/search-no-private", adminToken, null, null).status());
    }

    private static JsonNode awaitIndexReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            ApiClient.Response response = api.get("/profile/sources/" + SOURCE + "/index", adminToken);
            assertEquals(200, response.status(), response.text());
            last = response.json();
            if ("READY".equals(last.get("state").asText())) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the index of " + SOURCE + " never became READY: " + last);
    }

    private static JsonNode contentSearch(String path, String query) throws Exception {
        ApiClient.Response response = api.get(searchUrl(path, query, "content"), adminToken);
        assertEquals(200, response.status(), response.text());
        return response.json();
    }

    private static String searchUrl(String path, String query, String in) {
        return "/profile/sources/" + SOURCE + "/search?path=" + encode(path) + "&q=" + encode(query)
                + (in == null ? "" : "&in=" + in);
    }

    private static List<String> paths(JsonNode result) {
        List<String> paths = new ArrayList<>();
        for (JsonNode hit : result.get("hits")) {
            paths.add(hit.get("entry").get("path").asText());
        }
        paths.sort(null);
        return paths;
    }

    private static JsonNode hit(JsonNode result, String path) {
        for (JsonNode hit : result.get("hits")) {
            if (path.equals(hit.get("entry").get("path").asText())) {
                return hit;
            }
        }
        throw new AssertionError("no hit " + path + " in " + result);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
