import java.lang.reflect.Method;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.DiskImageFormat;
import org.deskplane.disk.api.FileSystem;
import org.deskplane.disk.api.FileSystemType;
import org.deskplane.disk.api.OpenFile;
import org.deskplane.disk.api.Partition;
import org.deskplane.disk.api.PartitionTableType;
import org.deskplane.disk.ext.internal.ExtFileSystemType;
import org.deskplane.disk.image.internal.DiskImagesService;
import org.deskplane.disk.image.internal.RawFormat;
import org.deskplane.disk.image.internal.qcow2.Qcow2Format;
import org.deskplane.disk.partition.internal.GptPartitionTable;
import org.deskplane.disk.partition.internal.MbrPartitionTable;

/**
 * The in-process disk stack outside OSGi (the components wired by hand, as DS would): image → partitions →
 * ext file system. One measurement per JVM, so each is a "first" listing or read, as for a fresh tool process.
 *   DiskBenchmark list IMAGE          prints "list-ms <ms from open to the root listed> <entries>"
 *   DiskBenchmark read IMAGE PATH     prints "read-ms <ms from open to the last byte> <bytes>"
 *   DiskBenchmark sha256 IMAGE PATH   prints the file's SHA-256 (a correctness check, not timed)
 */
public class DiskBenchmark {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path image = Path.of(args[1]);
        long start = System.nanoTime();
        DiskImagesService images = new DiskImagesService();
        Method addFormat = DiskImagesService.class.getDeclaredMethod("addFormat", DiskImageFormat.class);
        addFormat.setAccessible(true);
        addFormat.invoke(images, new Qcow2Format());
        addFormat.invoke(images, new RawFormat());
        try (BlockDevice disk = images.open(image)) {
            BlockDevice volume = firstPartition(disk);
            FileSystemType ext = new ExtFileSystemType();
            if (!ext.probe(volume)) {
                throw new IllegalStateException("no ext file system on the first partition of " + image);
            }
            try (FileSystem fs = ext.open(volume)) {
                switch (mode) {
                case "list" -> {
                    int entries = fs.list("/").size();
                    System.out.printf("list-ms %.1f %d%n", (System.nanoTime() - start) / 1e6, entries);
                }
                case "read", "sha256" -> {
                    MessageDigest digest = MessageDigest.getInstance("SHA-256");
                    long total = 0;
                    try (OpenFile file = fs.open(args[2])) {
                        byte[] buffer = new byte[1 << 20];
                        int n;
                        while ((n = file.read(total, buffer, 0, buffer.length)) > 0) {
                            if (mode.equals("sha256")) {
                                digest.update(buffer, 0, n);
                            }
                            total += n;
                        }
                    }
                    if (mode.equals("read")) {
                        System.out.printf("read-ms %.1f %d%n", (System.nanoTime() - start) / 1e6, total);
                    } else {
                        System.out.println(HexFormat.of().formatHex(digest.digest()));
                    }
                }
                default -> throw new IllegalArgumentException("mode: list, read or sha256");
                }
            }
        }
    }

    private static BlockDevice firstPartition(BlockDevice disk) throws Exception {
        for (PartitionTableType table : List.of(new GptPartitionTable(), new MbrPartitionTable())) {
            Optional<List<Partition>> partitions = table.read(disk);
            if (partitions.isPresent() && !partitions.get().isEmpty()) {
                Partition first = partitions.get().get(0);
                return BlockDevices.slice(disk, first.offset(), first.length(), "partition " + first.number());
            }
        }
        return disk;
    }
}
