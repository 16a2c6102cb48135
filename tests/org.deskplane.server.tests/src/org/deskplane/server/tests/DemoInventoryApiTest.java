package org.deskplane.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** A fresh server (first start, no hypervisor configured) shows the demo inventory of libvirt's test driver. */
class DemoInventoryApiTest {

    @Test
    void aFreshServerShowsTheDemoHostsAndVms() throws Exception {
        ApiClient api = ApiClient.connect(Duration.ofSeconds(60));
        String token = api.login("admin", ApiClient.adminPassword());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode summary;
        do {
            ApiClient.Response r = api.get("/inventory/summary", token);
            assertEquals(200, r.status(), r.text());
            summary = r.json();
            if (summary.get("hosts").asInt() >= 3 && summary.get("vms").asInt() >= 12) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        if (summary.get("hosts").asInt() < 3 || summary.get("vms").asInt() < 12) {
            fail("no demo inventory within 60 s: " + summary);
        }

        ApiClient.Response vms = api.get("/hypervisor/vms", token);
        assertEquals(200, vms.status(), vms.text());
        assertTrue(vms.text().contains("win11-desk-01") && vms.text().contains("kiosk-02"), vms.text());
    }

    /** A newcomer's portal is not empty: the demo desktops' data disks carry sample files. */
    @Test
    void theDemoDesktopsDataDisksHaveSampleFiles() throws Exception {
        ApiClient api = ApiClient.connect(Duration.ofSeconds(60));
        String token = api.login("admin", ApiClient.adminPassword());
        String dataDisk = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (dataDisk == null && System.nanoTime() < deadline) {
            for (JsonNode source : api.get("/profile/sources", token).json()) {
                if (source.get("kind").asText().equals("DATA_DISK") && source.get("name").asText().startsWith("win11-desk-01")) {
                    dataDisk = source.get("id").asText();
                }
            }
            Thread.sleep(100);
        }
        if (dataDisk == null) {
            fail("no data disk source for win11-desk-01: " + api.get("/profile/sources", token).text());
        }
        ApiClient.Response documents = api.get("/profile/sources/" + dataDisk + "/entries?path=/Documents", token);
        assertEquals(200, documents.status(), documents.text());
        assertTrue(documents.text().contains("\"Welcome.txt\""), documents.text());
        ApiClient.Response welcome = api.get("/profile/sources/" + dataDisk + "/content?path=/Documents/Welcome.txt", token);
        assertTrue(welcome.text().startsWith("Welcome to Deskplane."), welcome.text());
    }
}
