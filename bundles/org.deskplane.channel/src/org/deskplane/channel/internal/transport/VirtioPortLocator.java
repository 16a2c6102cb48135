package org.deskplane.channel.internal.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the guest's virtio-serial port by name: {@code /dev/virtio-ports/<name>} when udev made the link,
 * else the {@code /dev/vportNpM} whose {@code /sys/class/virtio-ports/vportNpM/name} is the name (guests
 * without udev, such as our minimal image).
 */
public final class VirtioPortLocator {

    public static final String DEFAULT_PORT_NAME = "org.deskplane.agent.0";

    private final Path dev;
    private final Path sys;

    public VirtioPortLocator(Path dev, Path sys) {
        this.dev = dev;
        this.sys = sys;
    }

    public static VirtioPortLocator system() {
        return new VirtioPortLocator(Path.of("/dev"), Path.of("/sys"));
    }

    public Optional<Path> find(String portName) {
        Path link = dev.resolve("virtio-ports").resolve(portName);
        if (Files.exists(link)) {
            return Optional.of(link);
        }
        Path ports = sys.resolve("class/virtio-ports");
        if (!Files.isDirectory(ports)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(ports)) {
            return entries.filter(p -> portName.equals(readName(p.resolve("name"))))
                    .map(p -> dev.resolve(p.getFileName().toString())).filter(Files::exists).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String readName(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        }
    }
}
