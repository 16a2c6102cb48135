package org.deskplane.model.store.tests;

import org.deskplane.model.DeskplaneFactory;
import org.deskplane.model.Device;
import org.deskplane.model.DeviceKind;
import org.deskplane.model.Disk;
import org.deskplane.model.DiskFormat;
import org.deskplane.model.Host;
import org.deskplane.model.HostState;
import org.deskplane.model.Inventory;
import org.deskplane.model.Policy;
import org.deskplane.model.PolicyEffect;
import org.deskplane.model.StoragePool;
import org.deskplane.model.User;
import org.deskplane.model.UserRole;
import org.deskplane.model.VirtualMachine;
import org.deskplane.model.VmState;

/** Inventories whose content is a function of one number, so a reader can tell a whole model from a torn one. */
final class SampleInventories {

    private static final DeskplaneFactory F = DeskplaneFactory.eINSTANCE;

    private SampleInventories() {
    }

    /** An inventory using every kind of object and reference, with {@code revision} woven into its content. */
    static Inventory full(long revision) {
        Inventory inventory = F.createInventory();
        inventory.setRevision(revision);
        Host host = F.createHost();
        host.setName("host-" + revision);
        host.setUri("qemu:///system");
        host.setState(HostState.CONNECTED);
        host.setCpuCount(2);
        host.setMemoryMiB(24 * 1024);
        inventory.getHosts().add(host);

        StoragePool pool = F.createStoragePool();
        pool.setName("default");
        pool.setPath("/var/lib/libvirt/images");
        pool.setHost(host);
        inventory.getPools().add(pool);

        int vmCount = (int) (revision % 5) + 1;
        for (int i = 0; i < vmCount; i++) {
            VirtualMachine vm = F.createVirtualMachine();
            vm.setId("00000000-0000-4000-8000-" + String.format("%012d", revision * 10 + i));
            vm.setName("vm-" + revision + "-" + i);
            vm.setState(i % 2 == 0 ? VmState.RUNNING : VmState.STOPPED);
            vm.setVcpus(1 + i);
            vm.setMemoryMiB(1024L * (i + 1));
            vm.setHost(host);
            Disk base = F.createDisk();
            base.setPath("/images/base-" + i + ".qcow2");
            base.setFormat(DiskFormat.QCOW2);
            base.setReadOnly(true);
            base.setPool(pool);
            Disk overlay = F.createDisk();
            overlay.setPath("/images/vm-" + revision + "-" + i + ".qcow2");
            overlay.setFormat(DiskFormat.QCOW2);
            overlay.setCapacityBytes(20L << 30);
            overlay.setTarget("vda");
            overlay.setBackingDisk(base);
            vm.getDisks().add(base);
            vm.getDisks().add(overlay);
            Device cdrom = F.createDevice();
            cdrom.setKind(DeviceKind.CDROM);
            cdrom.setTarget("hdc");
            cdrom.setSource("/isos/tools.iso");
            vm.getDevices().add(cdrom);
            vm.getTags().add("desktop");
            vm.getTags().add("rev-" + revision);
            vm.getMetadata().put("template", "debian-12");
            vm.getMetadata().put("revision", Long.toString(revision));
            inventory.getVirtualMachines().add(vm);
        }

        User user = F.createUser();
        user.setName("alice");
        user.setRole(UserRole.OPERATOR);
        user.getEntitledMachines().addAll(inventory.getVirtualMachines());
        user.getEntitledPools().add(pool);
        inventory.getUsers().add(user);

        Policy policy = F.createPolicy();
        policy.setName("operators-manage-vms");
        policy.setSubject("role:OPERATOR");
        policy.setResource("vm:*");
        policy.getVerbs().add("start");
        policy.getVerbs().add("stop");
        policy.setEffect(PolicyEffect.ALLOW);
        inventory.getPolicies().add(policy);
        return inventory;
    }

    /** Null when {@code inventory} is exactly what {@link #full(long)} builds for its revision, else what differs. */
    static String inconsistency(Inventory inventory) {
        long revision = inventory.getRevision();
        int expectedVms = (int) (revision % 5) + 1;
        if (inventory.getVirtualMachines().size() != expectedVms) {
            return "revision " + revision + " has " + inventory.getVirtualMachines().size() + " VMs, expected "
                    + expectedVms;
        }
        if (!inventory.getHosts().get(0).getName().equals("host-" + revision)) {
            return "revision " + revision + " has host " + inventory.getHosts().get(0).getName();
        }
        for (int i = 0; i < expectedVms; i++) {
            VirtualMachine vm = inventory.getVirtualMachines().get(i);
            if (!vm.getName().equals("vm-" + revision + "-" + i)
                    || !Long.toString(revision).equals(vm.getMetadata().get("revision"))
                    || vm.getHost() != inventory.getHosts().get(0)
                    || vm.getDisks().get(1).getBackingDisk() != vm.getDisks().get(0)) {
                return "revision " + revision + " has a torn VM " + vm.getName();
            }
        }
        if (inventory.getUsers().get(0).getEntitledMachines().size() != expectedVms) {
            return "revision " + revision + " has entitlements that do not match its VMs";
        }
        return null;
    }
}
