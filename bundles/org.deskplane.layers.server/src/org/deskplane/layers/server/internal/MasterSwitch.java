package org.deskplane.layers.server.internal;

import java.time.Duration;
import java.time.Instant;

import org.deskplane.layers.api.ActivityReport;
import org.deskplane.layers.api.FencedException;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.MasterState.Phase;

/**
 * The master role of one CVD as a state machine over its {@link MasterRecord}, following the seed: the candidate
 * snapshots itself, the old master (if reachable) pushes and hands over, the candidate gets a new, higher token and
 * pulls before it uploads. The role moves only with hysteresis: the candidate must have been active for a while and
 * the master idle for a while (or its lease must have run out).
 */
final class MasterSwitch {

    private final SyncSettings settings;

    MasterSwitch(SyncSettings settings) {
        this.settings = settings;
    }

    /** Timeouts of a switch in progress, applied whenever the record is looked at. */
    void advance(MasterRecord record, Instant now, long tokenFloor) {
        if (record.phase == Phase.CANDIDATE_SNAPSHOTS && elapsed(record, now).compareTo(settings.snapshotTimeout()) > 0) {
            abandonSwitch(record, now); // the candidate went away before its snapshot: the master keeps the role
        } else if (record.phase == Phase.OLD_MASTER_PUSHES
                && (!record.leaseAlive(now) || elapsed(record, now).compareTo(settings.handoverTimeout()) > 0)) {
            grant(record, record.candidate, now, tokenFloor); // old master unreachable: its pending changes stay local
        }
    }

    /** An activity report of {@code endpointId} (already recorded in {@code activity}). */
    void onActivity(MasterRecord record, String endpointId, ActivityReport report, EndpointActivity activity,
            EndpointActivity masterActivity, Instant now, long tokenFloor) {
        advance(record, now, tokenFloor);
        if (endpointId.equals(record.master)) {
            record.leaseExpires = now.plus(settings.lease());
            record.masterLastInput = activity.lastInput();
            if (record.phase == Phase.CANDIDATE_SNAPSHOTS && activity.active()) {
                abandonSwitch(record, now); // the user is back on the master: no thrashing
            }
            return;
        }
        if (!record.hasMaster()) {
            boolean freshLogOn = report.loggedOn() && report.idleSeconds() < settings.masterIdle().toSeconds();
            if (report.activeSeconds() > 0 || freshLogOn) {
                grant(record, endpointId, now, tokenFloor); // first active endpoint: nobody to snapshot or push
            }
            return;
        }
        boolean switchable = record.phase == Phase.STEADY
                || (record.phase == Phase.NEW_MASTER_PULLS && !record.leaseAlive(now));
        if (switchable && activity.activeFor(now).compareTo(settings.candidateActive()) >= 0
                && (!record.leaseAlive(now) || masterIdleFor(record, masterActivity, now).compareTo(settings.masterIdle()) >= 0)) {
            startSwitch(record, endpointId, now);
        }
    }

    private static Duration masterIdleFor(MasterRecord record, EndpointActivity masterActivity, Instant now) {
        Instant lastInput = record.masterLastInput;
        if (masterActivity != null && masterActivity.lastInput().isAfter(lastInput)) {
            lastInput = masterActivity.lastInput();
        }
        return Duration.between(lastInput, now);
    }

    void startSwitch(MasterRecord record, String candidate, Instant now) {
        record.phase = Phase.CANDIDATE_SNAPSHOTS;
        record.candidate = candidate;
        record.phaseStarted = now;
    }

    void snapshotTaken(MasterRecord record, String endpointId, Instant now, long tokenFloor) throws LayerException {
        if (record.phase != Phase.CANDIDATE_SNAPSHOTS || !endpointId.equals(record.candidate)) {
            throw new LayerException("no snapshot is expected from " + endpointId + " (phase " + record.phase
                    + (record.candidate.isEmpty() ? "" : ", candidate " + record.candidate) + ")");
        }
        if (record.leaseAlive(now)) {
            record.phase = Phase.OLD_MASTER_PUSHES;
            record.phaseStarted = now;
        } else {
            grant(record, endpointId, now, tokenFloor);
        }
    }

    void handedOver(MasterRecord record, String endpointId, long token, Instant now, long tokenFloor)
            throws LayerException {
        checkToken(record, endpointId, token);
        if (record.phase != Phase.OLD_MASTER_PUSHES) {
            throw new LayerException("no hand-over is pending for " + record.cvdId + " (phase " + record.phase + ")");
        }
        grant(record, record.candidate, now, tokenFloor);
    }

    void pulled(MasterRecord record, String endpointId, long token, Instant now) throws LayerException {
        checkToken(record, endpointId, token);
        if (record.phase == Phase.NEW_MASTER_PULLS) {
            record.phase = Phase.STEADY;
            record.phaseStarted = now;
        } else if (record.phase != Phase.STEADY) {
            throw new LayerException("the master of " + record.cvdId + " has nothing to pull in phase " + record.phase);
        }
    }

    /** An admin's choice: takes effect at once when there is no live master, else through the switch steps. */
    void assign(MasterRecord record, String endpointId, Instant now, long tokenFloor) {
        if (endpointId.equals(record.master) && record.phase != Phase.CANDIDATE_SNAPSHOTS) {
            return;
        }
        if (!record.leaseAlive(now)) {
            grant(record, endpointId, now, tokenFloor);
        } else {
            startSwitch(record, endpointId, now);
        }
    }

    /** The endpoint left the CVD: it can be neither master nor candidate any more. */
    void forget(MasterRecord record, String endpointId, Instant now) {
        if (endpointId.equals(record.master)) {
            record.master = "";
            record.leaseExpires = Instant.EPOCH;
            record.phase = Phase.STEADY;
            record.candidate = "";
            record.phaseStarted = now;
        } else if (endpointId.equals(record.candidate)) {
            abandonSwitch(record, now);
        }
    }

    private void grant(MasterRecord record, String endpointId, Instant now, long tokenFloor) {
        record.token = Math.max(record.token, tokenFloor) + 1;
        record.master = endpointId;
        record.candidate = "";
        record.phase = Phase.NEW_MASTER_PULLS;
        record.phaseStarted = now;
        record.leaseExpires = now.plus(settings.lease());
        record.masterLastInput = now;
    }

    private static void abandonSwitch(MasterRecord record, Instant now) {
        record.phase = Phase.STEADY;
        record.candidate = "";
        record.phaseStarted = now;
    }

    private static void checkToken(MasterRecord record, String endpointId, long token) throws FencedException {
        if (!endpointId.equals(record.master) || token != record.token) {
            throw new FencedException(endpointId + " with token " + token + " is not the master of " + record.cvdId
                    + " (master " + (record.hasMaster() ? record.master : "none") + ", token " + record.token + ")");
        }
    }

    private static Duration elapsed(MasterRecord record, Instant now) {
        return Duration.between(record.phaseStarted, now);
    }
}
