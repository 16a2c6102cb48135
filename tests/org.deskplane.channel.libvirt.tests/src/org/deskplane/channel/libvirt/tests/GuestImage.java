package org.deskplane.channel.libvirt.tests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * The real guest image this build made (releng/scripts/build-guest-image, run by this module's pom before the
 * tests): its path comes from the file named by {@code deskplane.guestImageFile}, or from
 * {@code DESKPLANE_GUEST_IMAGE} (which wins). Only {@code -Ddeskplane.guestImage.skip=true} without
 * {@code DESKPLANE_GUEST_IMAGE} skips the tests that need it.
 */
final class GuestImage {

    private GuestImage() {
    }

    /** The directory with guest.qcow2, agent.qcow2, vmlinuz, initrd.img and cmdline. */
    static Path directory() throws Exception {
        String image = System.getenv("DESKPLANE_GUEST_IMAGE");
        if ((image == null || image.isBlank()) && Boolean.getBoolean("deskplane.guestImage.skip")) {
            Assumptions.abort("the guest image was skipped (-Ddeskplane.guestImage.skip=true)");
        }
        if (image == null || image.isBlank()) {
            String pathFile = System.getProperty("deskplane.guestImageFile", "");
            if (pathFile.isBlank() || !Files.isRegularFile(Path.of(pathFile))) {
                throw new AssertionError("no guest image: " + pathFile + " was not written by build-guest-image "
                        + "(set DESKPLANE_GUEST_IMAGE, or -Ddeskplane.guestImage.skip=true to skip)");
            }
            image = Files.readString(Path.of(pathFile), StandardCharsets.UTF_8).strip();
        }
        Path directory = Path.of(image).getParent();
        for (String file : new String[] { "guest.qcow2", "agent.qcow2", "vmlinuz", "initrd.img", "cmdline" }) {
            if (!Files.exists(directory.resolve(file))) {
                throw new AssertionError("the guest image in " + directory + " has no " + file
                        + " (build it after the agent product with --require-agent)");
            }
        }
        return directory;
    }
}
