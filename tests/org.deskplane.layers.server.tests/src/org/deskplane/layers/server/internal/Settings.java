package org.deskplane.layers.server.internal;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** Small settings for tests: lease 60 s, candidate 30 s active, master 20 s idle, hand-over 90 s, snapshot 120 s. */
final class Settings {
    private Settings() {
    }

    static SyncSettings small() {
        return new SyncSettings(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(20),
                Duration.ofSeconds(90), Duration.ofSeconds(120), List.of(
                        DriverRule.parse("thinkpad: dmi.sys_vendor ~ LENOVO && dmi.product_name ~ ThinkPad.* -> drivers/lenovo-thinkpad"),
                        DriverRule.parse("qemu-q35: dmi.product_name ~ Standard PC \\(Q35.* -> drivers/qemu-q35"),
                        DriverRule.parse("qemu-any: dmi.product_name ~ Standard PC.* -> drivers/qemu-generic"),
                        DriverRule.parse("nvidia: pci.* ~ 10de:.* -> drivers/nvidia")),
                Pattern.compile("QEMU|KVM|VMware.*"));
    }
}
