package org.deskplane.delivery.agent.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Loads the kernel modules a hot-inserted disc needs. The guest runs without udev, which would load them on the
 * device's arrival; a module is loaded only when {@code /sys/module} lacks it, and a failure is logged, not fatal
 * (the module may be built in, or the disc may use another bus).
 */
final class KernelModules {
    private static final Duration MODPROBE_TIMEOUT = Duration.ofSeconds(30);
    private final Path sysModule;

    KernelModules(Path sysModule) {
        this.sysModule = sysModule;
    }

    void ensureLoaded(List<String> modules, Consumer<String> log) {
        for (String module : modules) {
            if (!module.matches("[A-Za-z0-9_-]{1,64}") || Files.isDirectory(sysModule.resolve(module.replace('-', '_')))) {
                continue;
            }
            Commands.Result r = Commands.run(List.of("modprobe", "-q", module), MODPROBE_TIMEOUT);
            if (!r.ok()) {
                log.accept("[agent] modprobe " + module + " failed (" + r.exitCode() + ")"
                        + (r.output().isEmpty() ? "" : ": " + r.output()));
            }
        }
    }
}
