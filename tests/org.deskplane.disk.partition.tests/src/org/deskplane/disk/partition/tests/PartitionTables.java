package org.deskplane.disk.partition.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.Partition;
import org.deskplane.disk.api.PartitionTableType;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/** The MBR and GPT services as DS registers them (waited for with a tracker and a deadline), and small helpers. */
final class PartitionTables {

    private PartitionTables() {
    }

    static PartitionTableType service(String scheme) throws InterruptedException, InvalidSyntaxException {
        BundleContext context = FrameworkUtil.getBundle(PartitionTables.class).getBundleContext();
        Filter filter = context.createFilter(
                "(&(objectClass=" + PartitionTableType.class.getName() + ")(scheme=" + scheme + "))");
        ServiceTracker<PartitionTableType, PartitionTableType> tracker = new ServiceTracker<>(context, filter, null);
        tracker.open();
        PartitionTableType service = tracker.waitForService(30_000);
        if (service == null) {
            throw new AssertionError("no PartitionTableType service for " + scheme + " within 30 s");
        }
        return service;
    }

    static Optional<List<Partition>> read(PartitionTableType type, Path image) throws IOException {
        try (BlockDevice disk = BlockDevices.file(image)) {
            return type.read(disk);
        }
    }

    static void writeAt(Path image, long offset, byte[] bytes) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(image, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(bytes), offset);
        }
    }

    static byte[] readAt(Path image, long offset, int length) throws IOException {
        byte[] all = Files.readAllBytes(image);
        return java.util.Arrays.copyOfRange(all, (int) offset, (int) offset + length);
    }

    static void putLe32(byte[] b, int at, long value) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }

    static void putLe64(byte[] b, int at, long value) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
