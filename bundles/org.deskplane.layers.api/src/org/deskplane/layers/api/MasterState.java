package org.deskplane.layers.api;

import java.time.Instant;

/**
 * Who is the active master of a CVD, and where a switch to another endpoint stands.
 *
 * @param cvdId the CVD
 * @param master the endpoint allowed to upload system layers ("" when none yet)
 * @param token the master's fencing token; every grant gets a higher one, so a stale master's upload is refused
 * @param leaseExpires when the master's lease ends unless renewed by its activity reports
 * @param phase STEADY, or the step of a switch
 * @param candidate the endpoint the role is switching to ("" when steady)
 */
public record MasterState(String cvdId, String master, long token, Instant leaseExpires, Phase phase, String candidate) {

    /** The switch follows the seed: snapshot the new master, let the old one push, then the new one pulls. */
    public enum Phase {
        STEADY,
        /** The candidate uploads a snapshot of itself (a recovery point, not the new head). */
        CANDIDATE_SNAPSHOTS,
        /** The old master pushes its pending changes, if it is reachable, then hands over. */
        OLD_MASTER_PUSHES,
        /** The candidate holds the new token and pulls the head before it uploads anything. */
        NEW_MASTER_PULLS
    }

    /** What an endpoint must do next, given this state. */
    public Duty dutyOf(String endpointId) {
        if (phase == Phase.CANDIDATE_SNAPSHOTS && endpointId.equals(candidate)) {
            return Duty.UPLOAD_SNAPSHOT;
        }
        if (phase == Phase.OLD_MASTER_PUSHES && endpointId.equals(master)) {
            return Duty.PUSH_AND_HAND_OVER;
        }
        if (phase == Phase.NEW_MASTER_PULLS && endpointId.equals(master)) {
            return Duty.PULL_THEN_UPLOAD;
        }
        return endpointId.equals(master) && phase == Phase.STEADY ? Duty.UPLOAD : Duty.PULL;
    }

    public enum Duty {
        /** Master in steady state: upload changes of every layer it has. */
        UPLOAD,
        /** Not master: pull, upload user files only. */
        PULL,
        UPLOAD_SNAPSHOT,
        PUSH_AND_HAND_OVER,
        PULL_THEN_UPLOAD
    }
}
