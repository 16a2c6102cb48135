package org.deskplane.delivery.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prepare's module loading: only modules /sys/module lacks are asked for, and a failure is logged, not fatal. */
class KernelModulesTest {
    @TempDir
    Path sysModule;

    @Test
    void loadsOnlyWhatIsMissingAndLogsFailures() throws Exception {
        Files.createDirectories(sysModule.resolve("sr_mod"));
        List<String> log = new ArrayList<>();
        new KernelModules(sysModule).ensureLoaded(List.of("sr_mod", "deskplane_no_such_module", "bad;name"), log::add);
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.get(0).startsWith("[agent] modprobe deskplane_no_such_module failed"), log.get(0));
    }

    @Test
    void commandsAreBoundedInTime() {
        Commands.Result r = Commands.run(List.of("/bin/sh", "-c", "sleep 300"), java.time.Duration.ofMillis(300));
        assertEquals(-1, r.exitCode());
        assertTrue(r.output().endsWith("no answer within 0 s"), r.output());
        Commands.Result ok = Commands.run(List.of("/bin/sh", "-c", "echo hello; exit 4"), java.time.Duration.ofSeconds(30));
        assertEquals(new Commands.Result(4, "hello"), ok);
    }
}
