package org.deskplane.delivery.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.deskplane.delivery.api.DeliveryException;
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

/** One VM at a time through the state machine's other paths: each test has VMs of its own on the test driver. */
class DeliveryStateMachineTest {
    private static final PayloadRef PATCH = new PayloadRef("patch", "1");
    private static final PayloadRef FOLLOW_UP = new PayloadRef("follow-up", "1");
    private static SimulatedParts parts;
    private static HypervisorConnection rack;
    private static List<VmInfo> vms;
    private static DeploymentService engine;

    @BeforeAll
    static void setUp() throws Exception {
        parts = new SimulatedParts("states");
        rack = Rig.host("rack-s", 10, "states");
        vms = rack.listVms();
        parts.repository.add(PATCH.id(), PATCH.version());
        parts.repository.add(FOLLOW_UP.id(), FOLLOW_UP.version());
        engine = Rig.service(DeploymentService.class);
    }

    @AfterAll
    static void tearDown() throws Exception {
        parts.close();
    }

    private static DeliveryOptions options(Duration agentTimeout, Duration processing, int retries, PoweredOffPolicy off) {
        return new DeliveryOptions(List.of(), off, agentTimeout, processing, null, retries, 4, 4, 0);
    }

    private static Deployment deploy(int vm, DeliveryOptions options, PayloadRef... payloads) throws DeliveryException {
        return engine.create(new DeploymentRequest(null, List.of(payloads),
                TargetSelector.ofIds(List.of(vms.get(vm).id().toString())), options), "tester");
    }

    private static VmDelivery done(Deployment d) throws InterruptedException {
        return Rig.await(engine, d.id(), "item done", x -> x.items().get(0).isDone()).items().get(0);
    }

    @Test
    void aVmWithoutAgentFailsAsAgentUnavailableInsteadOfHanging() throws Exception {
        VmDelivery item = done(deploy(0, options(Duration.ofSeconds(1), null, 0, null), PATCH));
        assertEquals(VmDeliveryState.FAILED, item.outcome());
        assertTrue(item.message().startsWith("agent unavailable"), item.message());
        assertTrue(parts.device.attached.isEmpty());
    }

    @Test
    void processingPastItsTimeoutIsCancelledInTheGuestTimedOutAndDetached() throws Exception {
        parts.agents.start(vms.get(1).id().uuid(), SimulatedAgents.Behavior.HANG);
        VmDelivery item = done(deploy(1, options(null, Duration.ofSeconds(1), 0, null), PATCH));
        assertEquals(VmDeliveryState.TIMED_OUT, item.outcome());
        assertTrue(parts.agents.running().isEmpty(), "the guest job was cancelled");
        assertTrue(parts.device.attached.isEmpty(), "detached after the timeout");
    }

    @Test
    void cancellingAVmWhileItProcessesStopsItAndCleansUp() throws Exception {
        parts.agents.start(vms.get(2).id().uuid(), SimulatedAgents.Behavior.HANG);
        Deployment d = deploy(2, options(null, Duration.ofMinutes(5), 0, null), PATCH);
        Rig.await(engine, d.id(), "processing", x -> x.items().get(0).state() == VmDeliveryState.PROCESSING);
        engine.cancel(d.id(), vms.get(2).id().toString());
        VmDelivery item = done(d);
        assertEquals(VmDeliveryState.CANCELLED, item.outcome());
        assertTrue(parts.device.attached.isEmpty());
        assertEquals(DeploymentState.COMPLETED, Rig.await(engine, d.id(), "completed",
                x -> x.state() == DeploymentState.COMPLETED).state());
    }

    @Test
    void aTransientDeviceErrorIsRetriedAndTheRetrySucceeds() throws Exception {
        parts.agents.start(vms.get(3).id().uuid(), SimulatedAgents.Behavior.SUCCEED);
        parts.device.failOnceTransiently.add(vms.get(3).id().toString());
        VmDelivery item = done(deploy(3, options(null, null, 1, null), PATCH));
        assertEquals(VmDeliveryState.SUCCEEDED, item.outcome(), item.toString());
        assertEquals(1, item.attempts());
    }

    @Test
    void withoutRetriesATransientErrorFailsTheVm() throws Exception {
        parts.agents.start(vms.get(4).id().uuid(), SimulatedAgents.Behavior.SUCCEED);
        parts.device.failOnceTransiently.add(vms.get(4).id().toString());
        VmDelivery item = done(deploy(4, options(null, null, 0, null), PATCH));
        assertEquals(VmDeliveryState.FAILED, item.outcome());
        assertTrue(item.message().contains("device busy"), item.message());
    }

    @Test
    void poweredOffVmsFailFastOrWaitForTheirStart() throws Exception {
        String uuid = vms.get(5).id().uuid();
        parts.agents.start(uuid, SimulatedAgents.Behavior.SUCCEED);
        rack.destroy(uuid);
        VmDelivery failed = done(deploy(5, options(null, null, 0, PoweredOffPolicy.FAIL_FAST), PATCH));
        assertEquals(VmDeliveryState.FAILED, failed.outcome());
        assertTrue(failed.message().contains("not running"), failed.message());

        Deployment waiting = deploy(5, options(null, null, 0, PoweredOffPolicy.WAIT_FOR_START), PATCH);
        Rig.await(engine, waiting.id(), "waiting for the start",
                x -> x.items().get(0).message().contains("waiting for the VM to start"));
        assertEquals(VmDeliveryState.PENDING, engine.find(waiting.id()).orElseThrow().items().get(0).state());
        rack.start(uuid);
        assertEquals(VmDeliveryState.SUCCEEDED, done(waiting).outcome());
    }

    @Test
    void aLaterPayloadIsSkippedOnAVmWhereAnEarlierOneFailedAndRetryRunsBothAgain() throws Exception {
        String uuid = vms.get(6).id().uuid();
        parts.agents.start(uuid, SimulatedAgents.Behavior.FAIL);
        Deployment d = deploy(6, options(null, null, 0, null), PATCH, FOLLOW_UP);
        Deployment finished = Rig.await(engine, d.id(), "completed", x -> x.state() == DeploymentState.COMPLETED);
        assertEquals(VmDeliveryState.FAILED, finished.items().get(0).outcome());
        assertEquals(VmDeliveryState.CANCELLED, finished.items().get(1).outcome());
        assertTrue(finished.items().get(1).message().startsWith("skipped"), finished.items().get(1).message());

        parts.agents.stop(uuid);
        parts.agents.start(uuid, SimulatedAgents.Behavior.SUCCEED);
        assertEquals(2, engine.retryFailed(d.id()));
        Deployment again = Rig.await(engine, d.id(), "completed again", x -> x.state() == DeploymentState.COMPLETED
                && x.items().stream().allMatch(i -> i.outcome() == VmDeliveryState.SUCCEEDED));
        assertEquals(2, again.summary().succeeded());
    }

    @Test
    void badRequestsAreRefusedWithClearErrorsAndCreateNothing() throws Exception {
        int before = engine.list().size();
        DeliveryException unknownPayload = assertThrows(DeliveryException.class, () -> deploy(7, null,
                new PayloadRef("nope", "1")));
        assertEquals(DeliveryException.Reason.INVALID, unknownPayload.reason());
        assertTrue(unknownPayload.getMessage().contains("nope/1"));
        DeliveryException noVm = assertThrows(DeliveryException.class, () -> engine.create(new DeploymentRequest(null,
                List.of(PATCH), new TargetSelector(null, List.of("no-such-vm"), null, null), null), "t"));
        assertTrue(noVm.getMessage().contains("no VM is named no-such-vm"), noVm.getMessage());
        DeliveryException empty = assertThrows(DeliveryException.class, () -> engine.create(new DeploymentRequest(null,
                List.of(PATCH), new TargetSelector(null, null, List.of("no-such-pool"), null), null), "t"));
        assertTrue(empty.getMessage().contains("match no VM"), empty.getMessage());
        assertEquals(before, engine.list().size());
        assertThrows(DeliveryException.class, () -> engine.cancel("no-such-deployment"));
    }

    @Test
    void anUnreadableDeploymentFileIsSetAsideAndTheEngineStillStarts() throws Exception {
        Path dir = Path.of(System.getProperty("deskplane.data"), "delivery", "deployments");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("garbage.json"), "{ not json");
        Files.writeString(dir.resolve("half-written.json.tmp"), "{ \"id\": \"half"); // a write a crash interrupted
        var bundle = Rig.bundle("org.deskplane.delivery");
        bundle.stop();
        bundle.start();
        engine = Rig.service(DeploymentService.class);
        assertTrue(Files.exists(dir.resolve("garbage.json.corrupt")), "kept for the admin, not deleted");
        assertTrue(Files.notExists(dir.resolve("garbage.json")));
        assertTrue(Files.notExists(dir.resolve("half-written.json.tmp")), "an interrupted write is dropped");
        parts.agents.start(vms.get(8).id().uuid(), SimulatedAgents.Behavior.SUCCEED);
        assertEquals(VmDeliveryState.SUCCEEDED, done(deploy(8, options(null, null, 0, null), PATCH)).outcome());
    }

    @Test
    void aMethodUpdatedWhileItsDeviceIsAttachedIsWaitedForAndThenCleansUp() throws Exception {
        parts.agents.start(vms.get(9).id().uuid(), SimulatedAgents.Behavior.HANG);
        Deployment d = deploy(9, options(null, Duration.ofSeconds(2), 0, null), PATCH);
        Rig.await(engine, d.id(), "processing", x -> x.items().get(0).state() == VmDeliveryState.PROCESSING);
        parts.withdrawDevice();
        try {
            Rig.await(engine, d.id(), "timed out", x -> x.items().get(0).outcome() == VmDeliveryState.TIMED_OUT);
            Thread.sleep(500); // clean-up keeps trying while the method is away; nothing may be marked cleaned
            VmDelivery waiting = engine.find(d.id()).orElseThrow().items().get(0);
            assertEquals(VmDeliveryState.TIMED_OUT, waiting.state(), "not cleaned without its method: " + waiting);
            assertEquals(1, parts.device.attached.stream().filter(a -> a.startsWith(vms.get(9).id().toString())).count());
        } finally {
            parts.restoreDevice();
        }
        VmDelivery cleaned = done(d);
        assertEquals(VmDeliveryState.TIMED_OUT, cleaned.outcome());
        assertTrue(parts.device.attached.stream().noneMatch(a -> a.startsWith(vms.get(9).id().toString())),
                "detached once the method was back");
        String log = String.join("\n", engine.log(d.id(), vms.get(9).id().toString(), 0, 1000));
        assertTrue(log.contains("delivery method sim-device is not installed"), log);
    }
}
