package org.deskplane.workbench.contrib.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.deskplane.workbench.contrib.api.PartContribution;

/**
 * The contributions currently in the model by part id, set in the application context so that a part created
 * later (shown again after it was closed) finds its contribution.
 */
final class ContributionLookup {

    private final Map<String, PartContribution> byPartId = new ConcurrentHashMap<>();

    void put(String partId, PartContribution contribution) {
        byPartId.put(partId, contribution);
    }

    void remove(String partId) {
        byPartId.remove(partId);
    }

    PartContribution find(String partId) {
        return byPartId.get(partId);
    }
}
