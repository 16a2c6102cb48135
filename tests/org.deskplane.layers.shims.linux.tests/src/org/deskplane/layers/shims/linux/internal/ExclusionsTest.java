package org.deskplane.layers.shims.linux.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ExclusionsTest {

    private final Exclusions defaults = new Exclusions(Exclusions.DEFAULTS);

    @Test
    void cachesTemporaryAndMachineFilesAreExcluded() {
        for (String p : List.of("tmp/x", "tmp/a/b", "var/tmp/y", "var/cache/apt/pkgcache.bin", "home/alice/.cache/thumb",
                ".cache/x", "proc/1/status", "sys/kernel", "dev/null", "run/user/1000/bus", "var/log/journal/abc/system.journal",
                "etc/machine-id", "etc/ssh/ssh_host_rsa_key", "etc/ssh/ssh_host_rsa_key.pub", "proc", "home/a/.x.swp")) {
            assertTrue(defaults.excludes(p), p);
        }
    }

    @Test
    void ordinaryFilesAreNotExcluded() {
        for (String p : List.of("etc/passwd", "home/alice/Documents/cv.odt", "usr/bin/bash", "etc/ssh/sshd_config",
                "var/lib/dpkg/status", "var/log/syslog", "tmpfile", "home/alice/cache/x")) {
            assertFalse(defaults.excludes(p), p);
        }
    }

    @Test
    void configuredAdditionsApplyAndBadOnesAreRefused() {
        assertTrue(new Exclusions(List.of("srv/scratch/**")).excludes("srv/scratch/a"));
        assertThrows(IllegalArgumentException.class, () -> new Exclusions(List.of("/etc/**")));
        assertThrows(IllegalArgumentException.class, () -> new Exclusions(List.of("../x")));
    }
}
