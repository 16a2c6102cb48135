package org.deskplane.channel.libvirt.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import org.deskplane.channel.api.HostChannel;
import org.deskplane.delivery.api.Deployment;
import org.deskplane.delivery.api.DeploymentState;
import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PoweredOffPolicy;
import org.deskplane.delivery.api.VmDelivery;
import org.deskplane.delivery.api.VmDeliveryState;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.hypervisor.VmGuestAgents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;

/**
 * Software delivery by virtual CD-ROM to a real guest (qemu:///system, TCG): the engine builds the payload's ISO
 * (our own ISO 9660 writer), inserts it into the guest's CD-ROM drive through libvirt and tells the Deskplane agent
 * in the guest; the agent finds the disc by its label, mounts it with the guest's kernel, checks every file's hash,
 * runs the steps and reports back; the engine ejects the disc. On one guest: a disc put into the definition of the
 * VM while it is off and run when it starts; a hot-added disk clone; a failing script; the agent killed while the
 * script runs; and a guest with only QEMU's guest agent. After each, libvirt reports the drive empty.
 */
class GuestDeliveryTest {
    private static final String CONNECTION = "delivery-qemu";

    /** The server's data stays between runs of this module: every run imports its payloads as new versions. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    @TempDir
    Path payloads;

    @Test
    void payloadsOnAVirtualCdAreRunByTheGuestAgentAndTheDiscIsAlwaysEjected() throws Exception {
        Configuration connectionConfig = Services.configureConnection(CONNECTION, "qemu:///system");
        String uuid = UUID.randomUUID().toString();
        try (GuestDelivery guest = GuestDelivery.define(CONNECTION, uuid)) {
            // 1. the VM is off: the disc goes into its definition, and the payload runs when it has started. A copy
            // step, and a script whose output comes back, reading a deep, Unicode-named file from the disc
            Payload hello = GuestDelivery.importPayload(helloPayload());
            Deployment ok = guest.deploy(hello, Duration.ofMinutes(3), "cdrom", PoweredOffPolicy.ATTACH_FOR_NEXT_START);
            GuestDelivery.await(ok.id(), "attached for the next start",
                    d -> d.items().get(0).message().contains("attached for the VM's next start"));
            assertTrue(guest.cdromMedia().stream().anyMatch(m -> m != null), "in the definition: " + guest.cdromMedia());
            guest.start();
            Deployment okDone = GuestDelivery.await(ok.id(), "the hello payload done", d -> d.state() == DeploymentState.COMPLETED);
            VmDelivery item = okDone.items().get(0);
            String log = GuestDelivery.log(okDone);
            assertEquals(VmDeliveryState.SUCCEEDED, item.outcome(), item + "\n" + log);
            assertEquals(0, item.exitCode(), log);
            assertEquals("cdrom", item.method());
            assertTrue(log.contains("hello from the CD: deskplane"), "the script's output came back:\n" + log);
            assertTrue(log.contains("Grüße aus der Tiefe"), "the guest kernel read the deep Unicode file:\n" + log);
            assertTrue(guest.cdromMedia().stream().allMatch(m -> m == null), "ejected: " + guest.cdromMedia());
            try (GuestAgentClient qga = Services.service(VmGuestAgents.class).open(new VmId(CONNECTION, uuid))) {
                assertEquals("setting=42\n", new String(qga.readFile("/tmp/deskplane-delivered/app.conf", 1024)),
                        "the copy step put the file in place");
            }

            // 1b. the same kind of payload as a hot-added, read-only disk clone (qcow2 overlay on the ISO)
            Payload cloned = GuestDelivery.importPayload(scriptPayload("cloned", "echo hello from a disk clone\n", 120));
            Deployment viaDisk = GuestDelivery.await(guest.deploy(cloned, Duration.ofMinutes(3), "disk-clone").id(),
                    "the disk-clone payload done", d -> d.state() == DeploymentState.COMPLETED);
            VmDelivery diskItem = viaDisk.items().get(0);
            String diskLog = GuestDelivery.log(viaDisk);
            assertEquals(VmDeliveryState.SUCCEEDED, diskItem.outcome(), diskItem + "\n" + diskLog);
            assertEquals("disk-clone", diskItem.method());
            assertTrue(diskLog.contains("hello from a disk clone"), diskLog);
            assertEquals(2, guest.connection.vm(uuid).disks().stream().filter(d -> !d.isCdrom()).count(),
                    "the clone was detached: " + guest.connection.vm(uuid).disks());

            // 2. a failing script: FAILED with its exit code, still ejected
            Payload failing = GuestDelivery.importPayload(scriptPayload("failing", "echo about to fail\nexit 5\n", 120));
            Deployment bad = GuestDelivery.await(guest.deploy(failing, Duration.ofMinutes(3)).id(), "the failing payload done",
                    d -> d.state() == DeploymentState.COMPLETED);
            VmDelivery badItem = bad.items().get(0);
            assertEquals(VmDeliveryState.FAILED, badItem.outcome(), badItem + "\n" + GuestDelivery.log(bad));
            assertEquals(5, badItem.exitCode());
            assertTrue(GuestDelivery.log(bad).contains("about to fail"));
            assertTrue(guest.cdromMedia().stream().allMatch(m -> m == null), "ejected after a failure: " + guest.cdromMedia());

            // 3. the agent killed while the script runs: no result ever comes, so it times out, and is still ejected
            Payload slow = GuestDelivery.importPayload(scriptPayload("slow", "echo started the long job\nsleep 600\n", 900));
            Deployment killed = guest.deploy(slow, Duration.ofSeconds(60));
            GuestDelivery.await(killed.id(), "the slow payload processing", d -> d.items().get(0).state() == VmDeliveryState.PROCESSING);
            assertTrue(guest.cdromMedia().stream().anyMatch(m -> m != null), "the disc is in while it processes");
            try (GuestAgentClient qga = Services.service(VmGuestAgents.class).open(new VmId(CONNECTION, uuid))) {
                // the pattern is written so that it does not match the shell running pkill itself
                GuestShell.guest(qga, "pkill -9 -f 'org[.]eclipse[.]osgi_' || true");
            }
            Deployment timedOut = GuestDelivery.await(killed.id(), "the slow payload done", d -> d.state() == DeploymentState.COMPLETED);
            VmDelivery lost = timedOut.items().get(0);
            assertEquals(VmDeliveryState.TIMED_OUT, lost.outcome(), lost + "\n" + GuestDelivery.log(timedOut));
            assertTrue(guest.cdromMedia().stream().allMatch(m -> m == null), "ejected after the timeout: " + guest.cdromMedia());

            // 4. a guest with QEMU's guest agent only: our agent and its supervisor stopped, the same disc is run by
            // a script the host starts through qemu-ga (exec + status)
            HostChannel channel = Services.service(HostChannel.class);
            GuestShell.waitFor("the agent back after its restart", () -> channel.agent(uuid).isConnected());
            try (GuestAgentClient qga = Services.service(VmGuestAgents.class).open(new VmId(CONNECTION, uuid))) {
                // PID 1 ignores the signal; its forked supervisor loop (same command line) does not
                GuestShell.guest(qga, "pkill -9 -f 'deskplane[-]init' ; pkill -9 -f 'org[.]eclipse[.]osgi_' ; true");
            }
            GuestShell.waitFor("the agent gone", () -> !channel.agent(uuid).isConnected());
            Payload viaQga = GuestDelivery.importPayload(scriptPayload("via-qga", "echo hello through qemu-ga from $DESKPLANE_PAYLOAD_DIR\n", 120));
            Deployment qgaDone = GuestDelivery.await(guest.deploy(viaQga, Duration.ofMinutes(3)).id(), "the qemu-ga payload done",
                    d -> d.state() == DeploymentState.COMPLETED);
            String qgaLog = GuestDelivery.log(qgaDone);
            assertEquals(VmDeliveryState.SUCCEEDED, qgaDone.items().get(0).outcome(), qgaDone.items().get(0) + "\n" + qgaLog);
            assertTrue(qgaLog.contains("asking the guest (qemu-ga)"), qgaLog);
            assertTrue(qgaLog.contains("hello through qemu-ga from /run/deskplane/delivery/"), "run from the mounted disc:\n" + qgaLog);
            assertTrue(guest.cdromMedia().stream().allMatch(m -> m == null), "ejected: " + guest.cdromMedia());

            // and the drive is empty in the persistent definition too (the first disc was put there)
            guest.connection.destroy(uuid);
            assertTrue(guest.cdromMedia().stream().allMatch(m -> m == null), "definition: " + guest.cdromMedia());
        } finally {
            connectionConfig.delete();
        }
    }

    private Path helloPayload() throws Exception {
        Path dir = Files.createDirectories(payloads.resolve("hello"));
        Files.writeString(dir.resolve("deskplane-payload.conf"), ("""
                id = hello-cd
                version = RUN
                description = says hello from the CD
                timeout = 120
                copy = conf/app.conf => /tmp/deskplane-delivered/app.conf
                run = install.sh deskplane
                """).replace("RUN", RUN));
        Files.writeString(Files.createDirectories(dir.resolve("conf")).resolve("app.conf"), "setting=42\n");
        Path deep = dir;
        for (String segment : Arrays.asList("Grüße", "aus", "der", "Tiefe", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben")) {
            deep = deep.resolve(segment);
        }
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("日本語 ファイル.txt"), "Grüße aus der Tiefe\n");
        Files.writeString(dir.resolve("install.sh"), """
                #!/bin/sh
                echo "hello from the CD: $1"
                cat "Grüße/aus/der/Tiefe/eins/zwei/drei/vier/fünf/sechs/sieben/日本語 ファイル.txt"
                """);
        return dir;
    }

    private Path scriptPayload(String id, String script, int timeoutSeconds) throws Exception {
        Path dir = Files.createDirectories(payloads.resolve(id));
        Files.writeString(dir.resolve("deskplane-payload.conf"), "id = " + id + "\nversion = " + RUN + "\ntimeout = " + timeoutSeconds
                + "\nrun = run.sh\n");
        Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\n" + script);
        return dir;
    }
}
