package org.deskplane.hypervisor.demo.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Puts a small ext4 file system with sample user files on a demo data disk, so a newcomer's portal and Profile
 * API show real folders for the demo desktops. Uses the host's {@code mkfs.ext4 -d} (e2fsprogs, installed by the
 * setup script); where it is missing or fails, the disk stays an empty sparse file and the demo still works.
 */
final class DemoDataDiskContent {
    private static final Logger LOG = System.getLogger(DemoDataDiskContent.class.getName());
    private static final List<String> MKFS = List.of("/usr/sbin/mkfs.ext4", "/sbin/mkfs.ext4");

    private DemoDataDiskContent() {
    }

    /** Formats {@code image} (a sparse file of its final size) with the sample tree; false when it could not. */
    static boolean fill(Path image, String label) {
        String mkfs = MKFS.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        if (mkfs == null) {
            LOG.log(Level.INFO, "mkfs.ext4 not found: demo data disk {0} stays empty", image.getFileName());
            return false;
        }
        Path tree = null;
        try {
            tree = Files.createTempDirectory(image.getParent(), ".demo-tree");
            writeSampleTree(tree, label);
            // no journal and lazy inode tables: the disk stays sparse, a 128 GiB disk takes a few MB
            Process process = new ProcessBuilder(mkfs, "-q", "-F", "-t", "ext4", "-O", "^has_journal",
                    "-E", "lazy_itable_init=1", "-L", label, "-d", tree.toString(), image.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                LOG.log(Level.WARNING, "mkfs.ext4 failed for demo data disk {0}: {1}", image.getFileName(), output.strip());
                return false;
            }
            return true;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "demo data disk {0} stays empty: {1}", image.getFileName(), e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            deleteTree(tree);
        }
    }

    private static void writeSampleTree(Path tree, String label) throws IOException {
        Path documents = Files.createDirectories(tree.resolve("Documents"));
        Files.writeString(documents.resolve("Welcome.txt"), """
                Welcome to Deskplane.

                This is a demo desktop's data disk (%s). Its files are read from the disk image itself,
                without running the desktop: open the portal at /portal/ or call /api/profile/sources.
                """.formatted(label));
        Files.writeString(documents.resolve("Budget 2026.csv"), "quarter,amount\nQ1,1200\nQ2,1350\nQ3,990\nQ4,1600\n");
        Path notes = Files.createDirectories(tree.resolve("Documents/Notes"));
        Files.writeString(notes.resolve("Grüße – meeting notes.txt"), "Unicode names work too: ✓ 日本語\n");
        Path pictures = Files.createDirectories(tree.resolve("Pictures"));
        Files.writeString(pictures.resolve("README.txt"), "Put your pictures here.\n");
    }

    private static void deleteTree(Path tree) {
        if (tree == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(tree)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not remove {0}: {1}", tree, e.getMessage());
        }
    }
}
