package org.deskplane.delivery.agent.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the guest side is configured with (from {@link DeliveryAgentComponent.Config}, or made directly by tests).
 *
 * @param copyRoot      where payloads copied over the channel land: {@code <copyRoot>/<job>/}
 * @param mountRoot     where discs are mounted: {@code <mountRoot>/<job>}
 * @param sysBlock      the kernel's block device list ({@code /sys/block}) scanned for a disc's label
 * @param devices       devices (or image files) to scan instead of {@code sysBlock}; empty = scan {@code sysBlock}
 * @param locateTimeout how long to look for a disc before giving up (a hot-inserted disc takes a moment to show)
 * @param kernelModules modules a hot-inserted disc needs, loaded at prepare when {@code /sys/module} lacks them
 * @param maxJobs       jobs remembered at most (finished ones are forgotten first)
 * @param maxLogLines   log lines kept per job (the newest)
 * @param maxFileBytes  largest file accepted over the channel
 */
public record AgentSettings(Path copyRoot, Path mountRoot, Path sysBlock, List<Path> devices, Duration locateTimeout,
        List<String> kernelModules, int maxJobs, int maxLogLines, long maxFileBytes) {

    public static final List<String> DEFAULT_MODULES = List.of("sr_mod", "cdrom", "isofs", "ahci", "ata_piix",
            "virtio_blk", "virtio_scsi");

    public AgentSettings {
        devices = List.copyOf(devices);
        kernelModules = List.copyOf(kernelModules);
        if (maxJobs < 1 || maxLogLines < 1 || maxFileBytes < 0) {
            throw new IllegalArgumentException("maxJobs and maxLogLines must be positive, maxFileBytes not negative");
        }
    }

    /** Settings for tests and defaults: everything below the given roots, no kernel modules. */
    public static AgentSettings under(Path copyRoot, Path mountRoot, List<Path> devices) {
        return new AgentSettings(copyRoot, mountRoot, Path.of("/sys/block"), devices, Duration.ofSeconds(10), List.of(),
                64, 10_000, 1L << 40);
    }
}
