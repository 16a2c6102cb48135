package org.deskplane.layers.server.internal;

import java.time.Instant;

import org.deskplane.layers.api.MasterState;
import org.deskplane.layers.api.MasterState.Phase;

/**
 * The persisted master state of one CVD. {@link #token} only ever grows: it is written to disk before a grant is
 * answered, so a restarted server never hands out a token twice.
 */
final class MasterRecord {
    public String cvdId;
    public String master = "";
    public long token;
    public Instant leaseExpires = Instant.EPOCH;
    public Phase phase = Phase.STEADY;
    public String candidate = "";
    /** When the current phase began (switch timeouts count from here). */
    public Instant phaseStarted = Instant.EPOCH;
    /** The master's last user input, as its reports said (hysteresis: the role moves only from an idle master). */
    public Instant masterLastInput = Instant.EPOCH;

    MasterRecord() {
        // for Jackson
    }

    MasterRecord(String cvdId) {
        this.cvdId = cvdId;
    }

    MasterState toState() {
        return new MasterState(cvdId, master, token, leaseExpires, phase, candidate);
    }

    boolean hasMaster() {
        return !master.isEmpty();
    }

    boolean leaseAlive(Instant now) {
        return hasMaster() && now.isBefore(leaseExpires);
    }
}
