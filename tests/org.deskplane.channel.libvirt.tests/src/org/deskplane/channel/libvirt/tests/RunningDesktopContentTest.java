package org.deskplane.channel.libvirt.tests;

import static org.deskplane.channel.libvirt.tests.GuestShell.IMAGES;
import static org.deskplane.channel.libvirt.tests.GuestShell.guest;
import static org.deskplane.channel.libvirt.tests.GuestShell.run;
import static org.deskplane.channel.libvirt.tests.GuestShell.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.deskplane.channel.api.HostChannel;
import org.deskplane.content.api.ContentAccess;
import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.DataSource;
import org.deskplane.content.api.EntryType;
import org.deskplane.content.api.RequestContext;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.hypervisor.api.VmState;
import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestExecRequest;
import org.deskplane.qga.api.GuestExecResult;
import org.deskplane.qga.hypervisor.VmGuestAgents;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;

/**
 * A desktop's files through the Content Abstraction Layer, whatever state it is in: the real guest image runs under
 * libvirt and its agent serves the user's folder (/home); the same calls, once the desktop is powered off, read its
 * qcow2 disk (overlay on the image's base, ext4) and give the same listing, sizes, times and bytes.
 */
class RunningDesktopContentTest {

    private static final String CONNECTION = "content-qemu";

    @Test
    void theSameListingFromTheRunningAgentAndFromTheStoppedDisk() throws Exception {
        Path image = GuestImage.directory();
        String uuid = UUID.randomUUID().toString();
        Files.createDirectories(IMAGES);
        Path overlay = IMAGES.resolve("content-" + uuid + ".qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b",
                image.resolve("guest.qcow2").toRealPath().toString(), overlay.toString());
        Configuration connectionConfig = Services.configureConnection(CONNECTION, "qemu:///system");
        HypervisorConnection connection = null;
        try {
            connection = Services.connected(CONNECTION);
            String xml = LibvirtGuestAgentTest.domainXml(uuid, image, overlay, IMAGES.resolve("content-" + uuid + ".serial.log"))
                    .replace("<memory", "<metadata><dp:vm xmlns:dp='" + HypervisorConnection.METADATA_NAMESPACE + "'>"
                            + "<dp:entry key='owner'>alice</dp:entry><dp:entry key='content.root'>/home</dp:entry>"
                            + "</dp:vm></metadata><memory");
            connection.define(xml);
            HypervisorConnection qemu = connection;
            Services.waitFor("the automatic agent channel setup", Services.TIMEOUT,
                    () -> LibvirtGuestAgentTest.hasSessionConfiguration(uuid));
            connection.start(uuid);
            HostChannel host = Services.service(HostChannel.class);
            waitFor("the agent in the guest authenticated", () -> host.agent(uuid).isConnected()
                    && host.agent(uuid).agentInfo().isPresent());

            ContentAccess access = Services.service(ContentAccess.class);
            RequestContext alice = new RequestContext("alice", Role.USER, InetAddress.getLoopbackAddress(), "desktop");
            String source = "vm:" + CONNECTION + ":" + uuid;
            try (GuestAgentClient qga = Services.service(VmGuestAgents.class).open(new VmId(CONNECTION, uuid))) {
                GuestExecResult made = qga.exec(GuestExecRequest.of("/bin/sh", "-c",
                        "mkdir -p '/home/alice/Dokumente/tief' && printf 'grüße aus der VM\\n' > '/home/alice/Dokumente/notiz ✓.txt'"
                                + " && head -c 300017 /dev/urandom > /home/alice/Dokumente/tief/data.bin"
                                + " && : > /home/alice/empty && sync").withTimeout(Duration.ofSeconds(60)));
                assertEquals(0, made.exitCode(), made.stderrText());

                assertEquals("agent", backend(access, alice, source), "a running desktop is read through its agent");
                Map<String, String> running = walk(access, alice, source);
                assertTrue(running.containsKey("/alice/Dokumente/notiz ✓.txt"), running.toString());
                assertTrue(running.containsKey("/alice/Dokumente/tief/data.bin"), running.toString());

                // flush and remount read-only inside (sysrq 's', 'u') so the ext4 journal is checkpointed to the
                // disk before the power goes: the disk reader does not replay journals
                qga.exec(GuestExecRequest.of("/bin/sh", "-c", "sync; echo s > /proc/sysrq-trigger; echo u > /proc/sysrq-trigger"));
                waitFor("the guest's root remounted read-only", () -> readOnlyRoot(qga));
                connection.destroy(uuid);
                Services.waitFor("the VM is off", Services.TIMEOUT, () -> TestVms.state(qemu, uuid) == VmState.SHUTOFF);

                assertEquals("disk", backend(access, alice, source), "a stopped desktop is read from its disk");
                Map<String, String> stopped = walk(access, alice, source);
                assertEquals(running, stopped);
            }
        } finally {
            TestVms.remove(connection, uuid);
            connectionConfig.delete();
            Files.deleteIfExists(overlay);
        }
    }

    private static String backend(ContentAccess access, RequestContext context, String source) throws Exception {
        for (DataSource candidate : access.sources(context)) {
            if (candidate.id().equals(source)) {
                return candidate.backend();
            }
        }
        fail("alice has no data source " + source + ": " + access.sources(context));
        return null;
    }

    /** path → type, size, modification second and SHA-256 of every entry below the root. */
    private static Map<String, String> walk(ContentAccess access, RequestContext context, String source) throws Exception {
        Map<String, String> found = new TreeMap<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.add("/");
        while (!pending.isEmpty()) {
            for (ContentEntry entry : access.list(context, source, pending.poll())) {
                String digest = "";
                if (entry.type() == EntryType.DIRECTORY) {
                    pending.add(entry.path());
                } else if (entry.type() == EntryType.FILE) {
                    digest = sha256(access, context, source, entry.path());
                }
                long second = entry.modified() == null ? -1 : entry.modified().getEpochSecond();
                found.put(entry.path(), entry.type() + " " + (entry.type() == EntryType.DIRECTORY ? 0 : entry.size())
                        + " " + second + " " + digest);
            }
        }
        return found;
    }

    private static String sha256(ContentAccess access, RequestContext context, String source, String path) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (ContentReader reader = access.open(context, source, path)) {
            byte[] buffer = new byte[64 * 1024];
            long position = 0;
            for (int n; (n = reader.read(position, buffer, 0, buffer.length)) > 0; position += n) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static boolean readOnlyRoot(GuestAgentClient qga) {
        try {
            String mounts = new String(qga.readFile("/proc/mounts", 1 << 20), StandardCharsets.UTF_8);
            return mounts.lines().anyMatch(line -> line.matches("\\S+ / ext4 ro[,\\s].*"));
        } catch (Exception e) {
            return false;
        }
    }
}
