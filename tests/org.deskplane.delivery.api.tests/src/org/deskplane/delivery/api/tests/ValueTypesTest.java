package org.deskplane.delivery.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryOptions;
import org.deskplane.delivery.api.DeploymentRequest;
import org.deskplane.delivery.api.PayloadRef;
import org.deskplane.delivery.api.PoweredOffPolicy;
import org.deskplane.delivery.api.TargetSelector;
import org.deskplane.delivery.api.VmDeliveryState;
import org.deskplane.delivery.spi.HypervisorFailures;
import org.deskplane.hypervisor.api.HypervisorException;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void optionsFillDefaultsAndRefuseNonsense() {
        DeliveryOptions o = new DeliveryOptions(null, null, null, null, null, 0, 1, 1, 0);
        assertEquals(PoweredOffPolicy.FAIL_FAST, o.poweredOff());
        assertEquals(Duration.ofSeconds(60), o.agentTimeout());
        assertEquals(null, o.processingTimeout(), "null: the manifest's timeout decides");
        assertTrue(o.methods().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new DeliveryOptions(null, null, null, null, null, 0, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeliveryOptions(null, null, null, null, null, 0, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeliveryOptions(null, null, null, null, null, -1, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeliveryOptions(null, null, null, null, null, 0, 1, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new DeliveryOptions(null, null, Duration.ZERO, null, null, 0, 1, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new DeliveryOptions(null, null, null, Duration.ofSeconds(-1), null, 0, 1, 1, 0));
    }

    @Test
    void requestsGetANameAndDefaultOptions() {
        DeploymentRequest r = new DeploymentRequest(" ", List.of(new PayloadRef("a", "1")), TargetSelector.ofIds(List.of("x")), null);
        assertEquals("[a/1]", r.name());
        assertEquals(DeliveryOptions.DEFAULTS, r.options());
        assertTrue(new TargetSelector(null, null, null, null).isEmpty());
        assertFalse(TargetSelector.ofIds(List.of("x")).isEmpty());
    }

    @Test
    void statesKnowOutcomesAndActivePhases() {
        for (VmDeliveryState s : VmDeliveryState.values()) {
            boolean outcome = s == VmDeliveryState.SUCCEEDED || s == VmDeliveryState.FAILED || s == VmDeliveryState.TIMED_OUT
                    || s == VmDeliveryState.CANCELLED;
            assertEquals(outcome, s.isOutcome(), s.name());
            assertEquals(s == VmDeliveryState.PREPARED || s == VmDeliveryState.ATTACHED || s == VmDeliveryState.PROCESSING,
                    s.isActive(), s.name());
        }
    }

    @Test
    void hypervisorFailuresMapToWhatTheEngineRetries() {
        assertEquals(DeliveryException.Reason.TRANSIENT, HypervisorFailures.of("x",
                new HypervisorException(HypervisorException.Kind.CONNECTION_LOST, "down")).reason());
        assertEquals(DeliveryException.Reason.NOT_SUPPORTED, HypervisorFailures.of("x",
                new HypervisorException(HypervisorException.Kind.NOT_SUPPORTED, "no")).reason());
        assertEquals(DeliveryException.Reason.NOT_FOUND, HypervisorFailures.of("x",
                new HypervisorException(HypervisorException.Kind.NOT_FOUND, "gone")).reason());
        assertEquals(DeliveryException.Reason.FAILED, HypervisorFailures.of("x",
                new HypervisorException(HypervisorException.Kind.FAILED, "bad")).reason());
        assertEquals("inserting: down", HypervisorFailures.of("inserting",
                new HypervisorException(HypervisorException.Kind.CONNECTION_LOST, "down")).getMessage());
    }
}
