package org.deskplane.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.deskplane.channel.internal.transport.VirtioPortLocator;
import org.junit.jupiter.api.Test;

/** Channel: the guest finds its port through the udev link, or through sysfs names when there is no udev. */
class VirtioPortLocatorTest {

    @Test
    void findsTheUdevLinkFirst() throws Exception {
        Path root = Fixtures.tempDir();
        Path dev = Files.createDirectories(root.resolve("dev/virtio-ports"));
        Files.createFile(dev.resolve("org.deskplane.agent.0"));
        VirtioPortLocator locator = new VirtioPortLocator(root.resolve("dev"), root.resolve("sys"));
        assertEquals(Optional.of(dev.resolve("org.deskplane.agent.0")), locator.find("org.deskplane.agent.0"));
    }

    @Test
    void withoutUdevFindsTheVportWhoseSysfsNameMatches() throws Exception {
        Path root = Fixtures.tempDir();
        Path dev = Files.createDirectories(root.resolve("dev"));
        Files.createFile(dev.resolve("vport0p1"));
        Files.createFile(dev.resolve("vport0p2"));
        Path sys = root.resolve("sys");
        Files.writeString(Files.createDirectories(sys.resolve("class/virtio-ports/vport0p1")).resolve("name"), "org.qemu.guest_agent.0\n");
        Files.writeString(Files.createDirectories(sys.resolve("class/virtio-ports/vport0p2")).resolve("name"), "org.deskplane.agent.0\n");
        VirtioPortLocator locator = new VirtioPortLocator(dev, sys);
        assertEquals(Optional.of(dev.resolve("vport0p2")), locator.find("org.deskplane.agent.0"));
        assertTrue(locator.find("org.example.missing").isEmpty());
    }
}
