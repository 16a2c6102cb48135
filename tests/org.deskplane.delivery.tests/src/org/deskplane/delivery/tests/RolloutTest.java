package org.deskplane.delivery.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.deskplane.delivery.api.DeliveryOptions;
import org.deskplane.delivery.api.Deployment;
import org.deskplane.delivery.api.DeploymentRequest;
import org.deskplane.delivery.api.DeploymentService;
import org.deskplane.delivery.api.DeploymentState;
import org.deskplane.delivery.api.PoweredOffPolicy;
import org.deskplane.delivery.api.RolloutSummary;
import org.deskplane.delivery.api.TargetSelector;
import org.deskplane.delivery.api.VmDelivery;
import org.deskplane.delivery.api.VmDeliveryState;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.delivery.simulation.SimulatedAgentProcessor;
import org.deskplane.delivery.simulation.SimulatedAgents;
import org.deskplane.delivery.simulation.SimulatedDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rollout to 100 VMs on two hosts. What is real: the engine, its scheduler and persistence, the libvirt connections
 * (test driver: inventory, VM state, and the CD-ROM insert, which it refuses), the CD-ROM delivery method (tried on
 * every VM, refused, logged). What is simulated: the device step that succeeds ({@link SimulatedDevice}) and the guest
 * agents ({@link SimulatedAgents}, over Unix sockets).
 */
class RolloutTest {
    private static SimulatedParts parts;
    private static HypervisorConnection rackA;
    private static HypervisorConnection rackB;

    @BeforeAll
    static void setUp() throws Exception {
        parts = new SimulatedParts("rollout");
        rackA = Rig.host("rack-a", 50, "lab-a");
        rackB = Rig.host("rack-b", 50, "lab-b");
        parts.repository.add("office-patch", "1.0");
    }

    @AfterAll
    static void tearDown() throws Exception {
        parts.close();
    }

    @Test
    void hundredVmsWithinLimitsPauseAtTheThresholdAndAreAllAccountedFor() throws Exception {
        List<VmInfo> vms = new java.util.ArrayList<>(rackA.listVms());
        vms.addAll(rackB.listVms());
        assertEquals(100, vms.size());
        Set<String> failing = Set.of(3, 11, 19, 42, 57, 76, 88).stream().map(i -> vms.get(i).id().uuid())
                .collect(Collectors.toSet());
        for (VmInfo vm : vms) {
            parts.agents.start(vm.id().uuid(), failing.contains(vm.id().uuid()) ? SimulatedAgents.Behavior.FAIL
                    : SimulatedAgents.Behavior.SUCCEED);
        }
        DeploymentService engine = Rig.service(DeploymentService.class);
        DeliveryOptions options = new DeliveryOptions(List.of(), PoweredOffPolicy.FAIL_FAST, null, null, null, 0, 5, 3, 5);
        Deployment created = engine.create(new DeploymentRequest("office patch to the lab",
                List.of(new org.deskplane.delivery.api.PayloadRef("office-patch", "1.0")),
                new TargetSelector(null, null, List.of("lab-a", "lab-b"), null), options), "admin");
        assertEquals(100, created.items().size());

        Deployment paused = Rig.await(engine, created.id(), "paused at the failure threshold",
                d -> d.state() == DeploymentState.PAUSED && d.summary().running() == 0);
        assertTrue(paused.stateReason().contains("failure threshold of 5"), paused.stateReason());
        RolloutSummary atPause = paused.summary();
        assertEquals(100, atPause.pending() + atPause.running() + atPause.succeeded() + atPause.failed() + atPause.cancelled(),
                "every VM counted once: " + atPause);
        assertTrue(atPause.failed() >= 5, atPause.toString());
        assertTrue(atPause.pending() > 0, "the pause stopped new VMs from starting: " + atPause);
        assertTrue(parts.device.attached.isEmpty(), "nothing stays attached while paused: " + parts.device.attached);

        engine.resume(created.id());
        Deployment done = Rig.await(engine, created.id(), "completed", d -> d.state() == DeploymentState.COMPLETED);
        assertEquals(new RolloutSummary(100, 0, 0, 93, 7, 0), done.summary());
        for (VmDelivery item : done.items()) {
            assertEquals(VmDeliveryState.CLEANED, item.state(), item.toString());
            boolean shouldFail = failing.contains(item.vmId().substring(item.vmId().indexOf('/') + 1));
            assertEquals(shouldFail ? VmDeliveryState.FAILED : VmDeliveryState.SUCCEEDED, item.outcome(), item.toString());
            assertEquals(shouldFail ? 3 : 0, item.exitCode(), item.toString());
            assertEquals(SimulatedDevice.NAME, item.method(), "the test driver refuses the CD-ROM: " + item);
        }

        // limits: per host 3, overall 5 (two hosts x 3 > 5, so both limits bind)
        assertTrue(parts.device.maxGlobal <= 5 && parts.device.maxGlobal >= 2, "max attached at once: " + parts.device.maxGlobal);
        parts.device.maxPerHost.forEach((host, max) -> assertTrue(max <= 3, host + " had " + max + " at once"));
        assertTrue(parts.agents.maxProcessing <= 5, "max processing at once: " + parts.agents.maxProcessing);
        assertTrue(parts.device.attached.isEmpty(), "every device detached: " + parts.device.attached);
        assertEquals(100, parts.device.attaches.get());
        assertEquals(100, parts.device.detaches.get());
        assertEquals(100, parts.agents.released.size(), "every guest was told to release its media");

        VmDelivery failed = done.items().stream().filter(i -> i.outcome() == VmDeliveryState.FAILED).findFirst().orElseThrow();
        String log = String.join("\n", engine.log(created.id(), failed.vmId(), 0, 1000));
        assertTrue(log.contains("cdrom cannot serve this VM"), "the real CD-ROM step was tried and refused:\n" + log);
        assertTrue(log.contains("guest: simulated step"), "the guest's log lines are kept:\n" + log);
        assertTrue(log.contains("exit code 3"), log);
        assertTrue(log.contains("cleaned up"), log);
    }
}
