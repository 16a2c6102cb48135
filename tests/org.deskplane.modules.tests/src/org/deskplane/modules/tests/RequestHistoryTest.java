package org.deskplane.modules.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.Requester;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * A guest asking in a loop cannot fill the disk: the request history file stays under its bound (the host is
 * configured with 64 KiB), the newest requests can still be looked up, and ids keep increasing across a restart.
 */
class RequestHistoryTest {

    @BeforeAll
    static void setUp() throws Exception {
        Modules.prepare();
    }

    @Test
    void theHistoryFileStaysBoundedAndIdsSurviveARestart() throws Exception {
        Requester guest = Modules.guest("vm-history");
        Modules.allow("history", "vm-history");
        ModuleHost host = Modules.host();
        Path file = Path.of(System.getProperty("deskplane.data"), "modules", "requests.jsonl");
        long lastId = 0;
        for (int i = 0; i < 1500; i++) { // ~1500 × 400 bytes: several times the bound
            host.query(guest, "org.example.polled", "[1.0,2.0)");
        }
        lastId = host.requests("vm-history", 1).get(0).id();
        assertTrue(Files.size(file) <= 64 * 1024 + 4096, "bounded: " + Files.size(file) + " bytes");
        ModuleRequest newest = host.request(guest, lastId).orElseThrow();
        assertEquals(ModuleStatus.NOT_FOUND, newest.status());

        Bundle hostBundle = FrameworkUtil.getBundle(host.getClass());
        hostBundle.stop();
        hostBundle.start();
        ModuleHost restarted = Modules.host();
        assertEquals(lastId, restarted.request(guest, lastId).orElseThrow().id(), "read back from the compacted file");
        restarted.query(guest, "org.example.polled", "0");
        assertTrue(restarted.requests("vm-history", 1).get(0).id() > lastId, "ids go on increasing after a restart");
    }
}
