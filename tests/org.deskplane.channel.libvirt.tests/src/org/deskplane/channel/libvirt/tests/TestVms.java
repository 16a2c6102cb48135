package org.deskplane.channel.libvirt.tests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmState;

/** Domain XML for small test VMs (no OS), and clean-up that tolerates what is already gone. */
final class TestVms {

    private TestVms() {
    }

    /** A test-driver VM. */
    static String onTestDriver(String name, String uuid) {
        return xml(name, uuid, "test", "", "");
    }

    /** A QEMU (TCG) VM with no disk, optionally with Deskplane metadata entries {@code <dp:entry key=...>}. */
    static String onQemu(String name, String uuid, String deskplaneEntries) {
        String metadata = deskplaneEntries.isEmpty() ? "" : "<metadata><dp:vm xmlns:dp='"
                + HypervisorConnection.METADATA_NAMESPACE + "'>" + deskplaneEntries + "</dp:vm></metadata>";
        return xml(name, uuid, "qemu", "<emulator>/usr/bin/qemu-system-x86_64</emulator>", metadata);
    }

    private static String xml(String name, String uuid, String type, String devices, String metadata) {
        return """
                <domain type='TYPE'>
                  <name>NAME</name><uuid>UUID</uuid>METADATA
                  <memory unit='MiB'>64</memory><vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type></os>
                  <devices>DEVICES</devices>
                </domain>
                """.replace("TYPE", type).replace("NAME", name).replace("UUID", uuid).replace("METADATA", metadata)
                .replace("DEVICES", devices);
    }

    static VmState state(HypervisorConnection connection, String uuid) {
        try {
            return connection.vm(uuid).state();
        } catch (HypervisorException e) {
            return null;
        }
    }

    /** Destroys (if running) and undefines (if defined). */
    static void remove(HypervisorConnection connection, String uuid) {
        if (connection == null) {
            return;
        }
        try {
            connection.destroy(uuid);
        } catch (HypervisorException ignored) {
            // not running
        }
        try {
            connection.undefine(uuid);
        } catch (HypervisorException ignored) {
            // never defined, or already gone
        }
    }

    /** The command line of the QEMU process running the VM with this UUID ("" when none runs). */
    static String qemuCommandLine(String uuid) throws Exception {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String line = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    if (line.contains("qemu-system") && line.contains(uuid)) {
                        return line;
                    }
                } catch (java.io.IOException gone) {
                    // the process ended while listing
                }
            }
        }
        return "";
    }
}
