package org.deskplane.layers.server.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The configuration as the service uses it (tests build one directly with small durations). */
record SyncSettings(Duration lease, Duration candidateActive, Duration masterIdle, Duration handoverTimeout,
        Duration snapshotTimeout, List<DriverRule> driverRules, Pattern vmVendor) {

    static SyncSettings of(SyncConfig config) {
        return new SyncSettings(seconds(config.lease_seconds()), seconds(config.candidate_active_seconds()),
                seconds(config.master_idle_seconds()), seconds(config.handover_timeout_seconds()),
                seconds(config.snapshot_timeout_seconds()),
                Arrays.stream(config.driver_rules()).filter(r -> !r.isBlank()).map(DriverRule::parse).toList(),
                Pattern.compile(config.vm_vendor_pattern()));
    }

    private static Duration seconds(long value) {
        return Duration.ofSeconds(Math.max(1, value));
    }
}
