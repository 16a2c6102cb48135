package org.deskplane.delivery.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deskplane.delivery.api.DeliveryOptions;
import org.deskplane.delivery.api.Deployment;
import org.deskplane.delivery.api.DeploymentRequest;
import org.deskplane.delivery.api.DeploymentService;
import org.deskplane.delivery.api.DeploymentState;
import org.deskplane.delivery.api.PayloadRef;
import org.deskplane.delivery.api.PoweredOffPolicy;
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
import org.osgi.framework.Bundle;

/**
 * The engine stopped in the middle of a rollout, as a killed server would stop: its bundle is stopped while items are
 * attached and processing. Stopping cleans nothing up (checked: devices stay attached), so what the restarted engine
 * does is what it would do after a crash: resume from the records on disk, finish or clean every item.
 */
class EngineRestartTest {
    private static SimulatedParts parts;
    private static HypervisorConnection rack;

    @BeforeAll
    static void setUp() throws Exception {
        parts = new SimulatedParts("restart");
        rack = Rig.host("rack-r", 30, "restart-pool");
        parts.repository.add("agent-update", "2.0");
    }

    @AfterAll
    static void tearDown() throws Exception {
        parts.close();
    }

    @Test
    void aRolloutInterruptedByAStopEndsWithEveryVmCleanedAndAccountedFor() throws Exception {
        List<VmInfo> vms = rack.listVms();
        for (int i = 0; i < vms.size(); i++) {
            // a few never finish: after the restart they must still time out and be cleaned, not be forgotten
            parts.agents.start(vms.get(i).id().uuid(), i % 10 == 4 ? SimulatedAgents.Behavior.HANG : SimulatedAgents.Behavior.SUCCEED);
        }
        DeploymentService engine = Rig.service(DeploymentService.class);
        DeliveryOptions options = new DeliveryOptions(List.of(), PoweredOffPolicy.FAIL_FAST, null,
                java.time.Duration.ofSeconds(6), null, 0, 8, 8, 0);
        Deployment created = engine.create(new DeploymentRequest("interrupted", List.of(new PayloadRef("agent-update", "2.0")),
                new TargetSelector(null, null, List.of("restart-pool"), null), options), "admin");

        Rig.await(engine, created.id(), "some done and some in flight", d -> d.summary().succeeded() >= 3
                && d.items().stream().anyMatch(i -> i.state() == VmDeliveryState.PROCESSING));
        Bundle bundle = Rig.bundle("org.deskplane.delivery");
        bundle.stop();
        int attachedAtStop = parts.device.attached.size();
        assertTrue(attachedAtStop > 0, "the stop left devices attached, as a crash would");
        Path record = Path.of(System.getProperty("deskplane.data"), "delivery", "deployments", created.id() + ".json");
        assertTrue(Files.exists(record), "the deployment is on disk");

        bundle.start();
        DeploymentService restarted = Rig.service(DeploymentService.class);
        Deployment resumed = restarted.find(created.id()).orElseThrow();
        assertTrue(resumed.items().stream().anyMatch(i -> i.state() == VmDeliveryState.PROCESSING
                || i.state() == VmDeliveryState.ATTACHED), "the restarted engine knows the items in flight");

        Deployment done = Rig.await(restarted, created.id(), "completed after the restart",
                d -> d.state() == DeploymentState.COMPLETED);
        assertEquals(30, done.items().size());
        long hung = vms.stream().filter(vm -> vms.indexOf(vm) % 10 == 4).count();
        assertEquals(30 - hung, done.summary().succeeded(), done.summary().toString());
        assertEquals(hung, done.summary().failed(), done.summary().toString());
        for (VmDelivery item : done.items()) {
            assertEquals(VmDeliveryState.CLEANED, item.state(), item.toString());
            assertFalse(item.outcome() == null, item.toString());
        }
        assertTrue(done.items().stream().filter(i -> i.outcome() == VmDeliveryState.TIMED_OUT).count() == hung,
                "the hanging ones timed out after the restart");
        assertTrue(parts.device.attached.isEmpty(), "every device detached after the restart: " + parts.device.attached);
        assertEquals(parts.device.attaches.get(), parts.device.detaches.get());
        assertTrue(parts.agents.running().isEmpty(), "no guest job left running: " + parts.agents.running());
    }
}
