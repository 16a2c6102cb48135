package org.deskplane.delivery.api;

import java.time.Duration;
import java.util.List;

/**
 * How a deployment runs.
 *
 * @param methods            delivery methods in order of preference (names such as {@code cdrom}, {@code disk-clone},
 *                           {@code channel-copy}, {@code qga-copy}); empty: the engine's default order. Per VM the first
 *                           one able to serve that VM is used.
 * @param poweredOff         what to do with VMs that are not running
 * @param agentTimeout       how long the guest agent may take to acknowledge (and the longest any single guest call waits)
 * @param processingTimeout  how long processing may take; null: the payload manifest's timeout
 * @param detachTimeout      how long clean-up may keep trying before the item is cleaned with a warning for the admin
 * @param maxRetries         retries of a transient error per VM
 * @param globalConcurrency  VMs in progress at once in this deployment
 * @param perHostConcurrency VMs in progress at once per hypervisor host
 * @param failureThreshold   failed VMs after which the rollout pauses; 0: never pause
 */
public record DeliveryOptions(List<String> methods, PoweredOffPolicy poweredOff, Duration agentTimeout,
        Duration processingTimeout, Duration detachTimeout, int maxRetries, int globalConcurrency,
        int perHostConcurrency, int failureThreshold) {

    public static final DeliveryOptions DEFAULTS = new DeliveryOptions(List.of(), PoweredOffPolicy.FAIL_FAST,
            Duration.ofSeconds(60), null, Duration.ofSeconds(60), 2, 10, 4, 0);

    public DeliveryOptions {
        methods = methods == null ? List.of() : List.copyOf(methods);
        poweredOff = poweredOff == null ? PoweredOffPolicy.FAIL_FAST : poweredOff;
        agentTimeout = positive(agentTimeout, Duration.ofSeconds(60), "agentTimeout");
        if (processingTimeout != null) {
            positive(processingTimeout, null, "processingTimeout");
        }
        detachTimeout = positive(detachTimeout, Duration.ofSeconds(60), "detachTimeout");
        if (maxRetries < 0 || maxRetries > 20) {
            throw new IllegalArgumentException("maxRetries must be 0-20");
        }
        if (globalConcurrency < 1 || perHostConcurrency < 1) {
            throw new IllegalArgumentException("concurrency limits must be at least 1");
        }
        if (failureThreshold < 0) {
            throw new IllegalArgumentException("failureThreshold must be 0 (never) or more");
        }
    }

    private static Duration positive(Duration d, Duration dflt, String what) {
        if (d == null) {
            return dflt;
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
        return d;
    }
}
