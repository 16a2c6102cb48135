package org.deskplane.hypervisor.demo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The first-start-only rules, with the demo bundle restarted as a server restart would. Each test leaves a server
 * with the demo configured again (by way of a fresh first start), so test order does not matter.
 */
class DemoFirstStartTest {

    @AfterEach
    void backToTheDemo() throws Exception {
        System.clearProperty("deskplane.demo");
        DemoFixture.freshFirstStart();
        DemoFixture.demoInventory();
    }

    @Test
    void aSecondActivationCreatesNothing() throws Exception {
        DemoFixture.demoInventory();
        List<String> pidsBefore = pids();
        String markerBefore = Files.readString(DemoFixture.marker());
        DemoFixture.restartDemo();
        assertEquals(pidsBefore, pids());
        assertEquals(DemoFixture.DEMO_HOSTS, DemoFixture.connectionIds());
        assertEquals(markerBefore, Files.readString(DemoFixture.marker()));
    }

    @Test
    void deletedDemoConnectionsDoNotComeBack() throws Exception {
        DemoFixture.demoInventory();
        configuration("demo-3").delete();
        DemoFixture.inventoryWhere("demo-3 removed", inv -> DemoFixture.host(inv, "demo-3") == null);
        DemoFixture.restartDemo();
        assertEquals(List.of("demo-1", "demo-2"), DemoFixture.connectionIds());
        assertTrue(Files.exists(DemoFixture.marker()));
    }

    @Test
    void existingConnectionsAreLeftAloneAndNoDemoIsAdded() throws Exception {
        for (Configuration configuration : DemoFixture.connections()) {
            configuration.delete();
        }
        Files.delete(DemoFixture.marker());
        Configuration own = DemoFixture.service(ConfigurationAdmin.class).getFactoryConfiguration(
                DemoFixture.FACTORY_PID, "lab", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("connection.id", "lab");
        properties.put("uri", "test:///default");
        own.update(properties);

        DemoFixture.restartDemo();
        assertEquals(List.of("lab"), DemoFixture.connectionIds());
        assertEquals("test:///default", configuration("lab").getProperties().get("uri"));
        assertTrue(Files.exists(DemoFixture.marker()), "first start decided: no demo on this server, ever");
    }

    @Test
    void deskplaneDemoFalseTurnsItOff() throws Exception {
        for (Configuration configuration : DemoFixture.connections()) {
            configuration.delete();
        }
        Files.delete(DemoFixture.marker());
        System.setProperty("deskplane.demo", "false");
        DemoFixture.restartDemo();
        assertEquals(List.of(), DemoFixture.connectionIds());
        assertFalse(Files.exists(DemoFixture.marker()), "off means no decision is recorded either");
    }

    @Test
    void demoDataDisksCarryAnExt4FileSystemWithSampleFilesAndStaySparse() throws Exception {
        DemoFixture.demoInventory();
        Path data = DemoFixture.images().resolve("win11-cad-01-data.img");
        byte[] superblock = new byte[2048];
        try (var in = Files.newInputStream(data)) {
            assertEquals(2048, in.readNBytes(superblock, 0, 2048));
        }
        // ext2/3/4 superblock magic 0xEF53 at byte 1024 + 56, little endian
        assertEquals(0x53, superblock[1080] & 0xff);
        assertEquals(0xEF, superblock[1081] & 0xff);
        Process du = new ProcessBuilder("du", "-k", data.toString()).redirectErrorStream(true).start();
        String usage = new String(du.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, du.waitFor(), usage);
        long allocated = Long.parseLong(usage.split("\\s+")[0]) * 1024;
        assertTrue(allocated < 64L * 1024 * 1024, "a 128 GiB demo data disk takes " + allocated + " bytes");
    }

    @Test
    void missingImagesAreWrittenAgainWhileTheDemoIsConfigured() throws Exception {
        DemoFixture.demoInventory();
        Path overlay = DemoFixture.images().resolve("kiosk-02.qcow2");
        Path node = DemoFixture.demoDir().resolve("demo-2.xml");
        Files.delete(overlay);
        Files.delete(node);
        DemoFixture.restartDemo();
        assertTrue(Files.isRegularFile(overlay));
        assertTrue(Files.readString(node).contains(DemoFixture.images().resolve("build-01-data.img").toString()));
        assertEquals(DemoFixture.DEMO_HOSTS, DemoFixture.connectionIds());
    }

    private static List<String> pids() throws Exception {
        return DemoFixture.connections().stream().map(Configuration::getPid).sorted().toList();
    }

    private static Configuration configuration(String id) throws Exception {
        return DemoFixture.connections().stream()
                .filter(c -> id.equals(c.getProperties().get("connection.id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no connection " + id));
    }
}
