package org.deskplane.channel.libvirt.tests;

import static org.deskplane.channel.libvirt.tests.GuestShell.IMAGES;
import static org.deskplane.channel.libvirt.tests.GuestShell.guest;
import static org.deskplane.channel.libvirt.tests.GuestShell.guestRuns;
import static org.deskplane.channel.libvirt.tests.GuestShell.run;
import static org.deskplane.channel.libvirt.tests.GuestShell.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;

import org.deskplane.content.api.ContentAccess;
import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.DataSource;
import org.deskplane.content.api.RequestContext;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.hypervisor.VmGuestAgents;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A running desktop without a Deskplane agent is read from a point-in-time view of its disk, never from the file the
 * VM is writing: the real guest image runs under libvirt (agent channel turned off, so only QEMU's guest agent is
 * there). A file written before the view was taken reads as it was then, even after the guest changed it; once
 * the idle view closes, its export ends (libvirt's backup job, socket and scratch file gone) and a new view shows
 * the change. The guest's file systems were frozen only for the instant the view was taken.
 */
class PointInTimeContentTest {

    private static final Path EXPORTS = Path.of("/var/lib/libvirt/qemu/deskplane-exports");
    private static final String CONNECTION = "pit-qemu";

    @Test
    void aRunningDesktopWithoutAgentIsReadAsItWasWhenTheViewWasTaken() throws Exception {
        Path image = GuestImage.directory();
        String uuid = UUID.randomUUID().toString();
        Files.createDirectories(IMAGES);
        Path overlay = IMAGES.resolve("pit-" + uuid + ".qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b",
                image.resolve("guest.qcow2").toRealPath().toString(), overlay.toString());
        Configuration connectionConfig = Services.configureConnection(CONNECTION, "qemu:///system");
        Configuration contentConfig = Services.service(ConfigurationAdmin.class).getConfiguration("org.deskplane.content", "?");
        Dictionary<String, Object> quickIdle = new Hashtable<>();
        quickIdle.put("idleSeconds", 1);
        contentConfig.update(quickIdle);
        HypervisorConnection connection = null;
        try {
            connection = Services.connected(CONNECTION);
            String xml = LibvirtGuestAgentTest.domainXml(uuid, image, overlay, IMAGES.resolve("pit-" + uuid + ".serial.log"))
                    .replace("<memory", "<metadata><dp:vm xmlns:dp='" + HypervisorConnection.METADATA_NAMESPACE + "'>"
                            + "<dp:entry key='owner'>alice</dp:entry><dp:entry key='content.root'>/home</dp:entry>"
                            + "<dp:entry key='agent.channel'>off</dp:entry></dp:vm></metadata><memory");
            connection.define(xml);
            connection.start(uuid);
            ContentAccess access = Services.service(ContentAccess.class);
            RequestContext alice = new RequestContext("alice", Role.USER, InetAddress.getLoopbackAddress(), "desktop");
            String source = "vm:" + CONNECTION + ":" + uuid;
            try (GuestAgentClient qga = Services.service(VmGuestAgents.class).open(new VmId(CONNECTION, uuid))) {
                waitFor("QEMU's guest agent answers", () -> guestRuns(qga, "true"));
                guest(qga, "mkdir -p /home/alice && printf 'before\\n' > /home/alice/v.txt && sync");

                DataSource desktop = access.sources(alice).stream().filter(s -> s.id().equals(source)).findFirst()
                        .orElseThrow(() -> new AssertionError("alice has no data source " + source));
                assertEquals("disk", desktop.backend(), "no Deskplane agent runs in this desktop");
                assertEquals("before\n", read(access, alice, source, "/alice/v.txt"));
                Path socket = EXPORTS.resolve(uuid + ".nbd.sock");
                assertTrue(Files.exists(socket), "the view reads libvirt's point-in-time export at " + socket);
                assertTrue(access.stat(alice, source, "/alice/v.txt") != null);

                guest(qga, "printf 'after, and longer\\n' > /home/alice/v.txt && printf 'new\\n' > /home/alice/new.txt && sync");
                assertEquals("before\n", read(access, alice, source, "/alice/v.txt"),
                        "the open view shows the disk as it was when it was taken");
                assertFalse(names(access, alice, source, "/alice").contains("new.txt"));
                assertTrue(guestRuns(qga, "touch /home/alice/still-writable"), "the guest's file systems were thawed");

                // the idle view closes (reaper every 10 s), which ends the export; a new view is taken now
                waitFor("the idle view closed and its export ended", () -> !Files.exists(socket));
                assertFalse(hasLeftovers(uuid), "libvirt deleted the scratch file of the ended export");
                assertEquals("after, and longer\n", read(access, alice, source, "/alice/v.txt"));
                assertTrue(names(access, alice, source, "/alice").contains("new.txt"));
            }
        } finally {
            TestVms.remove(connection, uuid);
            contentConfig.delete();
            connectionConfig.delete();
            Files.deleteIfExists(overlay);
        }
    }

    private static String read(ContentAccess access, RequestContext context, String source, String path) throws Exception {
        try (ContentReader reader = access.open(context, source, path)) {
            byte[] buffer = new byte[4096];
            int n = reader.read(0, buffer, 0, buffer.length);
            return new String(buffer, 0, Math.max(0, n), StandardCharsets.UTF_8);
        }
    }

    private static List<String> names(ContentAccess access, RequestContext context, String source, String path) throws Exception {
        return access.list(context, source, path).stream().map(ContentEntry::name).toList();
    }

    private static boolean hasLeftovers(String uuid) throws Exception {
        try (var files = Files.list(EXPORTS)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(uuid));
        }
    }
}
