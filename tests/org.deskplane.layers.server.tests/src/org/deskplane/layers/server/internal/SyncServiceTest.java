package org.deskplane.layers.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.deskplane.layers.api.ActivityReport;
import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.EndpointInfo;
import org.deskplane.layers.api.EndpointStatus;
import org.deskplane.layers.api.FencedException;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.MasterState;
import org.deskplane.layers.api.MasterState.Duty;
import org.deskplane.layers.api.MasterState.Phase;
import org.deskplane.layers.api.Scope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync service with a fake clock (lease 60 s, candidate 30 s active, master 20 s idle, hand-over 90 s,
 * snapshot 120 s): bindings, the master switch through every phase, timeouts, fencing and restarts.
 */
class SyncServiceTest {

    private static final String CVD = "alice-desktop";

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock();
    private final FakeFacts facts = new FakeFacts();
    private SyncServiceImpl sync;

    @BeforeEach
    void setUp() throws Exception {
        facts.cvds.add(CVD);
        facts.cvds.add("bob-desktop");
        sync = new SyncServiceImpl(dir, Settings.small(), clock, facts);
        sync.register(endpoint("laptop", CVD));
        sync.register(endpoint("desk", CVD));
        sync.register(endpoint("vm", CVD));
    }

    private static EndpointInfo endpoint(String id, String cvd) {
        return new EndpointInfo(id, cvd, "linux", "debian-13", Map.of("dmi.sys_vendor", "LENOVO"), 0);
    }

    private MasterState active(String endpoint, long activeSeconds) throws LayerException {
        return sync.reportActivity(CVD, new ActivityReport(endpoint, activeSeconds, 0, true));
    }

    private MasterState idle(String endpoint, long idleSeconds) throws LayerException {
        return sync.reportActivity(CVD, new ActivityReport(endpoint, 0, idleSeconds, true));
    }

    /** laptop becomes master and pulls: steady with token 1. */
    private void laptopSteadyMaster() throws LayerException {
        MasterState first = active("laptop", 5);
        assertEquals("laptop", first.master());
        sync.pulled(CVD, "laptop", first.token());
    }

    /** desk has been active 30 s while laptop was idle for 20 s: the switch starts. */
    private MasterState deskBecomesCandidate() throws LayerException {
        laptopSteadyMaster();
        idle("laptop", 0);
        clock.advanceSeconds(20);
        idle("laptop", 20);
        active("desk", 1);
        clock.advanceSeconds(30);
        return active("desk", 30);
    }

    @Test
    void theFirstActiveEndpointBecomesMasterDirectlyAndMustPullFirst() throws Exception {
        MasterState nobody = idle("desk", 300);
        assertEquals("", nobody.master(), "an endpoint without user activity does not take the role");
        MasterState state = active("laptop", 5);
        assertEquals("laptop", state.master());
        assertEquals(1, state.token());
        assertEquals(Phase.NEW_MASTER_PULLS, state.phase());
        assertEquals(Duty.PULL_THEN_UPLOAD, state.dutyOf("laptop"));
        assertEquals(Duty.PULL, state.dutyOf("desk"));
        assertEquals(clock.instant().plusSeconds(60), state.leaseExpires());
        MasterState steady = sync.pulled(CVD, "laptop", 1);
        assertEquals(Phase.STEADY, steady.phase());
        assertEquals(Duty.UPLOAD, steady.dutyOf("laptop"));
    }

    @Test
    void anEndpointOfAnotherOsFamilyNeverBecomesMaster() throws Exception {
        sync.register(new EndpointInfo("mac", CVD, "macos", "15", Map.of(), 0));
        assertEquals("", active("mac", 60).master(), "user files only: it cannot upload system layers");
        laptopSteadyMaster();
        idle("laptop", 0);
        clock.advanceSeconds(600);
        active("mac", 1);
        clock.advanceSeconds(60);
        assertEquals(Phase.STEADY, active("mac", 60).phase(), "however active it is, no switch starts towards it");
        LayerException refused = assertThrows(LayerException.class, () -> sync.assignMaster(CVD, "mac"));
        assertTrue(refused.getMessage().contains("cannot be master"), refused.getMessage());
    }

    @Test
    void hysteresisKeepsTheRoleWhileTheMasterIsBusyOrTheCandidateBriefly() throws Exception {
        laptopSteadyMaster();
        active("desk", 1);
        clock.advanceSeconds(10);
        active("laptop", 10); // the user types on the laptop too
        MasterState state = active("desk", 10);
        assertEquals(Phase.STEADY, state.phase(), "desk active for only 10 s");
        clock.advanceSeconds(25);
        active("laptop", 25);
        state = active("desk", 25);
        assertEquals(Phase.STEADY, state.phase(), "desk active 35 s but the laptop is not idle");
        clock.advanceSeconds(25);
        state = active("desk", 25);
        assertEquals(Phase.CANDIDATE_SNAPSHOTS, state.phase(), "laptop idle for 25 s, desk active 60 s");
        assertEquals("desk", state.candidate());
        assertEquals("laptop", state.master(), "the role does not move before the switch steps");
        assertEquals(Duty.UPLOAD_SNAPSHOT, state.dutyOf("desk"));
    }

    @Test
    void anIdleBreakRestartsTheCandidatesActivityCount() throws Exception {
        laptopSteadyMaster();
        clock.advanceSeconds(100); // laptop idle for long
        idle("laptop", 100);
        active("desk", 20);
        clock.advanceSeconds(5);
        idle("desk", 25); // the user left the desk: the streak ends
        clock.advanceSeconds(5);
        MasterState state = active("desk", 1);
        assertEquals(Phase.STEADY, state.phase(), "20 s, a break, then 1 s is not 30 s of activity");
    }

    @Test
    void theWholeSwitchSnapshotPushHandOverPull() throws Exception {
        MasterState candidate = deskBecomesCandidate();
        assertEquals(Phase.CANDIDATE_SNAPSHOTS, candidate.phase());
        facts.uploaders.put(CVD + "@7", "desk");
        MasterState pushing = sync.snapshotTaken(CVD, "desk", 7);
        assertEquals(Phase.OLD_MASTER_PUSHES, pushing.phase());
        assertEquals(Duty.PUSH_AND_HAND_OVER, pushing.dutyOf("laptop"));
        assertEquals(1, pushing.token(), "the old master keeps its token to push");
        MasterState pulling = sync.handedOver(CVD, "laptop", 1);
        assertEquals("desk", pulling.master());
        assertEquals(2, pulling.token());
        assertEquals(Phase.NEW_MASTER_PULLS, pulling.phase());
        assertEquals("", pulling.candidate());
        assertEquals(Duty.PULL, pulling.dutyOf("laptop"));
        MasterState steady = sync.pulled(CVD, "desk", 2);
        assertEquals(Phase.STEADY, steady.phase());
        assertEquals(Duty.UPLOAD, steady.dutyOf("desk"));
    }

    @Test
    void staleTokensAndWrongEndpointsAreFenced() throws Exception {
        deskBecomesCandidate();
        facts.uploaders.put(CVD + "@7", "desk");
        sync.snapshotTaken(CVD, "desk", 7);
        assertThrows(FencedException.class, () -> sync.handedOver(CVD, "laptop", 0), "wrong token");
        assertThrows(FencedException.class, () -> sync.handedOver(CVD, "desk", 1), "only the master hands over");
        sync.handedOver(CVD, "laptop", 1);
        assertThrows(FencedException.class, () -> sync.pulled(CVD, "laptop", 1), "the old master is fenced now");
        assertThrows(FencedException.class, () -> sync.handedOver(CVD, "laptop", 1), "a repeated hand-over is stale");
        assertEquals(Phase.NEW_MASTER_PULLS, sync.master(CVD).phase(), "refused calls change nothing");
    }

    @Test
    void aSnapshotFromAnyoneButTheCandidateOrOfAnotherUploadIsRefused() throws Exception {
        deskBecomesCandidate();
        facts.uploaders.put(CVD + "@7", "desk");
        facts.uploaders.put(CVD + "@8", "vm");
        assertThrows(LayerException.class, () -> sync.snapshotTaken(CVD, "vm", 8));
        assertThrows(LayerException.class, () -> sync.snapshotTaken(CVD, "desk", 8));
        assertEquals(Phase.CANDIDATE_SNAPSHOTS, sync.master(CVD).phase());
    }

    @Test
    void anUnreachableOldMasterLosesTheRoleWhenItsLeaseRunsOut() throws Exception {
        deskBecomesCandidate();
        facts.uploaders.put(CVD + "@7", "desk");
        sync.snapshotTaken(CVD, "desk", 7);
        clock.advanceSeconds(29);
        assertEquals(Phase.OLD_MASTER_PUSHES, sync.master(CVD).phase(), "lease (60 s from its last report, 30 s ago) still runs");
        clock.advanceSeconds(2);
        MasterState state = sync.master(CVD);
        assertEquals(Phase.NEW_MASTER_PULLS, state.phase());
        assertEquals("desk", state.master());
        assertEquals(2, state.token());
        assertThrows(FencedException.class, () -> sync.handedOver(CVD, "laptop", 1), "too late: fenced");
    }

    @Test
    void aReachableOldMasterThatNeverHandsOverTimesOut() throws Exception {
        deskBecomesCandidate();
        facts.uploaders.put(CVD + "@7", "desk");
        sync.snapshotTaken(CVD, "desk", 7);
        for (int i = 0; i < 4; i++) {
            clock.advanceSeconds(22);
            idle("laptop", 100); // it keeps its lease alive but does not hand over
        }
        assertEquals(Phase.OLD_MASTER_PUSHES, sync.master(CVD).phase(), "88 s of the 90 s hand-over time");
        clock.advanceSeconds(3);
        MasterState state = idle("laptop", 100);
        assertEquals("desk", state.master());
        assertEquals(Phase.NEW_MASTER_PULLS, state.phase());
    }

    @Test
    void aSnapshotAfterTheMastersLeaseRanOutSkipsThePush() throws Exception {
        deskBecomesCandidate();
        clock.advanceSeconds(61);
        facts.uploaders.put(CVD + "@7", "desk");
        MasterState state = sync.snapshotTaken(CVD, "desk", 7);
        assertEquals(Phase.NEW_MASTER_PULLS, state.phase());
        assertEquals("desk", state.master());
        assertEquals(2, state.token());
    }

    @Test
    void aCandidateThatNeverSnapshotsIsDroppedAndTheMasterReturningCancelsTheSwitch() throws Exception {
        deskBecomesCandidate();
        clock.advanceSeconds(119);
        idle("laptop", 200);
        assertEquals(Phase.CANDIDATE_SNAPSHOTS, sync.master(CVD).phase());
        clock.advanceSeconds(2);
        MasterState dropped = sync.master(CVD);
        assertEquals(Phase.STEADY, dropped.phase());
        assertEquals("laptop", dropped.master());
        assertEquals(1, dropped.token());

        active("desk", 60); // desk qualifies again
        assertEquals(Phase.CANDIDATE_SNAPSHOTS, sync.master(CVD).phase());
        MasterState back = active("laptop", 2); // but the user is back on the laptop
        assertEquals(Phase.STEADY, back.phase());
        assertEquals("", back.candidate());
    }

    @Test
    void anAdminAssignmentRunsTheSwitchStepsOrGrantsAtOnceWithoutALiveMaster() throws Exception {
        laptopSteadyMaster();
        MasterState assigned = sync.assignMaster(CVD, "vm");
        assertEquals(Phase.CANDIDATE_SNAPSHOTS, assigned.phase());
        assertEquals("vm", assigned.candidate());
        clock.advanceSeconds(61); // the laptop's lease runs out
        MasterState direct = sync.assignMaster(CVD, "desk");
        assertEquals("desk", direct.master());
        assertEquals(2, direct.token());
        assertThrows(LayerException.class, () -> sync.assignMaster(CVD, "stranger"), "only bound endpoints");
    }

    @Test
    void theMastersActivityDoesNotCancelAnAdminsAssignment() throws Exception {
        laptopSteadyMaster();
        sync.assignMaster(CVD, "vm");
        MasterState busy = active("laptop", 10);
        assertEquals(Phase.CANDIDATE_SNAPSHOTS, busy.phase(), "the admin chose vm");
        assertEquals("vm", busy.candidate());
        facts.uploaders.put(CVD + "@3", "vm");
        assertEquals(Phase.OLD_MASTER_PUSHES, sync.snapshotTaken(CVD, "vm", 3).phase());
        assertEquals("vm", sync.handedOver(CVD, "laptop", 1).master());
    }

    @Test
    void tokensStayMonotonicAcrossRestartsAndAboveTheStoresTokens() throws Exception {
        laptopSteadyMaster();
        clock.advanceSeconds(61);
        assertEquals(2, sync.assignMaster(CVD, "desk").token());
        SyncServiceImpl restarted = new SyncServiceImpl(dir, Settings.small(), clock, facts);
        MasterState after = restarted.master(CVD);
        assertEquals("desk", after.master());
        assertEquals(2, after.token());
        clock.advanceSeconds(61);
        assertEquals(3, restarted.assignMaster(CVD, "laptop").token(), "never 1 or 2 again");
        facts.tokens.put(CVD, 10L); // versions in the store carry token 10 (e.g. the state file was restored from a backup)
        clock.advanceSeconds(61);
        assertEquals(11, restarted.assignMaster(CVD, "vm").token());
    }

    @Test
    void anEndpointBelongsToOneCvdOnlyAndUnknownCvdsAreRefused() throws Exception {
        assertThrows(LayerException.class, () -> sync.register(endpoint("laptop", "bob-desktop")));
        assertThrows(LayerException.class, () -> sync.register(endpoint("new", "no-such-cvd")));
        assertThrows(LayerException.class, () -> sync.register(endpoint("../etc", CVD)));
        Binding again = sync.register(endpoint("laptop", CVD));
        assertEquals(Scope.FULL, again.scope(), "registering again with the same CVD is fine");
        assertEquals("reference-endpoint", again.rule());
        assertEquals(List.of("desk", "laptop", "vm"), sync.bindings(CVD).stream().map(Binding::endpointId).toList());
    }

    @Test
    void unregisteringTheMasterFreesTheRoleWithoutReusingItsToken() throws Exception {
        laptopSteadyMaster();
        sync.unregister("laptop");
        assertEquals("", sync.master(CVD).master());
        assertTrue(sync.binding("laptop").isEmpty());
        MasterState next = active("desk", 1);
        assertEquals("desk", next.master());
        assertEquals(2, next.token());
        assertThrows(LayerException.class, () -> sync.reportActivity(CVD, new ActivityReport("laptop", 5, 0, true)),
                "an unbound endpoint cannot take part");
    }

    @Test
    void statusesAndBindingsSurviveARestart() throws Exception {
        EndpointStatus status = new EndpointStatus("desk", Map.of(Layer.USER_FILES, 4L), 5, 0,
                List.of("Documents/plan (conflict desk 2026-11-22).odt"), Instant.parse("2026-11-22T10:00:00Z"), "");
        sync.reportStatus(status);
        assertThrows(LayerException.class, () -> sync.reportStatus(new EndpointStatus("ghost", Map.of(), 0, 0, List.of(),
                Instant.now(), "")));
        assertTrue(Files.exists(dir.resolve("state.json")));
        SyncServiceImpl restarted = new SyncServiceImpl(dir, Settings.small(), clock, facts);
        assertEquals(status, restarted.status("desk").orElseThrow());
        assertEquals(sync.binding("vm"), restarted.binding("vm"));
        assertTrue(restarted.status("ghost").isEmpty());
    }

    @Test
    void anUnreadableStateFileStopsTheServiceInsteadOfStartingEmpty() throws Exception {
        Files.writeString(dir.resolve("state.json"), "{ not json");
        assertThrows(java.io.IOException.class, () -> new SyncServiceImpl(dir, Settings.small(), clock, facts));
    }
}
