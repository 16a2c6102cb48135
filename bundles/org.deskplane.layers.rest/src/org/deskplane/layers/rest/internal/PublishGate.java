package org.deskplane.layers.rest.internal;

import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.FencedException;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.MasterState;
import org.deskplane.layers.api.PublishRequest;
import org.deskplane.rest.api.ApiException;

/**
 * Checks an upload before the store sees it. The store fences tokens lower than one it has seen; that alone would let
 * a deposed master whose successor has not uploaded yet through, so system layers are also checked against the
 * lease here: only the current master with its current token, or the candidate's snapshot during a switch.
 */
final class PublishGate {

    private PublishGate() {
    }

    static void check(Binding binding, MasterState master, PublishRequest request) throws FencedException {
        for (Layer layer : request.layers().keySet()) {
            if (!binding.layers().contains(layer)) {
                throw ApiException.badRequest("the " + layer + " layer is not in the scope of endpoint "
                        + binding.endpointId() + " (" + binding.scope() + ", rule " + binding.rule() + ")");
            }
        }
        if (!request.includesSystemLayer()) {
            return;
        }
        String endpoint = request.endpointId();
        boolean candidateSnapshot = request.kind() == CvdVersion.Kind.SNAPSHOT
                && master.phase() == MasterState.Phase.CANDIDATE_SNAPSHOTS && endpoint.equals(master.candidate());
        boolean currentMaster = endpoint.equals(master.master()) && request.fencingToken() == master.token();
        if (!candidateSnapshot && !currentMaster) {
            throw new FencedException("endpoint " + endpoint + " with token " + request.fencingToken()
                    + " may not upload system layers of " + master.cvdId() + " (master "
                    + (master.master().isEmpty() ? "none" : master.master()) + ", token " + master.token() + ")");
        }
    }
}
