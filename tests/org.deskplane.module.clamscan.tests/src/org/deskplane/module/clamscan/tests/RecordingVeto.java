package org.deskplane.module.clamscan.tests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.deskplane.modules.api.LifecycleTopics.StartVeto;

/** The veto a VM start event carries, remembering who vetoed and why (as the host's would, minus the refusal). */
final class RecordingVeto implements StartVeto {

    record Vote(String by, String reason) {
    }

    private final List<Vote> votes = new CopyOnWriteArrayList<>();

    @Override
    public void veto(String by, String reason) {
        votes.add(new Vote(by, reason));
    }

    List<Vote> votes() {
        return List.copyOf(votes);
    }
}
