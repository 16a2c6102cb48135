package org.deskplane.delivery.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The volume label scan against ISO images made by {@code xorriso -as mkisofs -V LABEL -J -R}, given as the
 * "devices" (the host cannot mount iso9660; the kernel mount is tested in the real guest).
 */
class MediaLocatorTest {
    @TempDir
    Path tmp;

    private Path iso(String label) throws Exception {
        Path content = Files.createDirectories(tmp.resolve("content-" + label));
        Files.writeString(content.resolve("deskplane-payload.conf"), "id = x\nversion = 1\n");
        Path iso = tmp.resolve(label + ".iso");
        Process p = new ProcessBuilder("xorriso", "-as", "mkisofs", "-V", label, "-J", "-R", "-o", iso.toString(),
                content.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve(label + ".log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "xorriso ended");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve(label + ".log")));
        return iso;
    }

    @Test
    void readsThePrimaryAndJolietLabels() throws Exception {
        Path iso = iso("DP_PATCH_42");
        assertEquals(List.of("DP_PATCH_42", "DP_PATCH_42"), VolumeLabels.of(iso));
    }

    @Test
    void findsTheDeviceCarryingTheLabel() throws Exception {
        Path other = iso("DP_OTHER");
        Path wanted = iso("DP_WANTED");
        Path blank = Files.write(tmp.resolve("blank.img"), new byte[40 * 2048]);
        Path missing = tmp.resolve("no-medium");
        MediaLocator locator = new MediaLocator(Path.of("/sys/block"), List.of(missing, blank, other, wanted));
        assertEquals(Optional.of(wanted), locator.findNow("DP_WANTED"));
        assertEquals(Optional.of(wanted), locator.findNow(" DP_WANTED "), "compared trimmed");
        assertEquals(Optional.empty(), locator.findNow("DP_ABSENT"));
        assertEquals(List.of(), VolumeLabels.of(blank), "not ISO 9660");
        assertEquals(List.of(), VolumeLabels.of(missing), "unreadable device");
    }

    @Test
    void waitsForADiscThatShowsUpLater() throws Exception {
        Path late = tmp.resolve("late.iso");
        MediaLocator locator = new MediaLocator(Path.of("/sys/block"), List.of(late));
        Path made = iso("DP_LATE");
        Thread inserter = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300); // the "insertion" happens while the locator polls
                Files.move(made, late);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(Optional.of(late), locator.find("DP_LATE", Instant.now().plusSeconds(60), () -> false));
        inserter.join();
    }

    @Test
    void scansTheKernelsBlockDevicesByName() throws Exception {
        Path sys = Files.createDirectories(tmp.resolve("sys-block"));
        for (String name : List.of("sr0", "vda", "sdb", "loop0", "ram0", "nvme0n1", "hdc")) {
            Files.createDirectories(sys.resolve(name));
        }
        assertEquals(List.of(Path.of("/dev/hdc"), Path.of("/dev/sdb"), Path.of("/dev/sr0"), Path.of("/dev/vda")),
                new MediaLocator(sys, List.of()).candidates());
    }
}
