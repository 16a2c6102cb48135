package org.deskplane.hypervisor.libvirt.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.deskplane.model.Inventory;
import org.deskplane.model.store.ModelStore;
import org.deskplane.model.store.internal.FileModelStore;
import org.libvirt.Connect;

/**
 * Inventory refresh of N libvirt test-driver VMs, as the provider does it: read the whole host (node info, every
 * domain's info and XML, pools) and store it into the EMF inventory through the model store. Plain JVM, in the
 * provider's package so it runs the provider's own classes. Not a test: prints timings, asserts nothing.
 */
public final class InventoryRefreshBenchmark {

    public static void main(String[] args) throws Exception {
        int vms = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("deskplane-inventory-bench");
        StringBuilder node = new StringBuilder("<node>\n");
        for (int i = 0; i < vms; i++) {
            node.append(String.format("""
                    <domain type='test'><name>bench-%04d</name><uuid>55555555-0000-4000-8000-%012d</uuid>
                    <memory unit='MiB'>1024</memory><vcpu>2</vcpu><os><type>hvm</type></os><devices>
                    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/images/bench-%04d.qcow2'/>
                    <backingStore type='file'><format type='qcow2'/><source file='/images/base.qcow2'/><backingStore/></backingStore>
                    <target dev='vda' bus='virtio'/></disk>
                    <disk type='file' device='cdrom'><target dev='hdc' bus='ide'/><readonly/></disk>
                    <channel type='unix'><source mode='bind' path='/run/bench-%04d.sock'/><target type='virtio' name='org.deskplane.agent.0'/></channel>
                    </devices></domain>
                    """, i, i, i, i));
        }
        node.append("</node>\n");
        Path file = dir.resolve("node.xml");
        Files.writeString(file, node);
        Connect connect = new Connect("test://" + file);
        ModelStore store = new FileModelStore(dir.resolve("model"));
        long[] readMillis = new long[runs];
        long[] totalMillis = new long[runs];
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            HostSnapshot snapshot = HostReader.read("bench", "test://" + file, connect);
            long read = System.nanoTime();
            Inventory inventory = store.load(ModelStore.INVENTORY, Inventory.class);
            InventoryUpdate.replaceHost(inventory, snapshot);
            store.save(ModelStore.INVENTORY, inventory);
            long end = System.nanoTime();
            if (snapshot.vms().size() != vms) {
                throw new IllegalStateException("read " + snapshot.vms().size() + " VMs, expected " + vms);
            }
            readMillis[run] = (read - start) / 1_000_000;
            totalMillis[run] = (end - start) / 1_000_000;
        }
        connect.close();
        System.out.printf("inventory refresh of %d test-driver VMs, %d runs (first run includes JIT warm-up)%n", vms, runs);
        System.out.println("  libvirt read (ms):        " + Arrays.toString(readMillis));
        System.out.println("  read + model store (ms):  " + Arrays.toString(totalMillis));
        long[] sorted = totalMillis.clone();
        Arrays.sort(sorted);
        System.out.printf("  median total: %d ms, best: %d ms, worst: %d ms (target < 1000 ms)%n",
                sorted[runs / 2], sorted[0], sorted[runs - 1]);
    }
}
