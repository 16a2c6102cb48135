package org.deskplane.layers.merge;

import java.util.Objects;

/**
 * The outcome for one path: the situation, the action and a short reason a human can read in the sync log.
 */
public record MergeDecision(MergeCase mergeCase, MergeAction action, String reason) {

    public MergeDecision {
        Objects.requireNonNull(mergeCase, "mergeCase");
        Objects.requireNonNull(action, "action");
        reason = reason == null || reason.isBlank() ? mergeCase.reason() : reason;
    }

    static MergeDecision of(MergeCase mergeCase) {
        return new MergeDecision(mergeCase, mergeCase.action(), mergeCase.reason());
    }
}
