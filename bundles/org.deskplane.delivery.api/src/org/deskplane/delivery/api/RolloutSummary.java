package org.deskplane.delivery.api;

/**
 * Counts over a deployment's items. {@code failed} includes timed-out items; {@code running} counts items past
 * PENDING that are not done yet (including those cleaning up).
 */
public record RolloutSummary(int total, int pending, int running, int succeeded, int failed, int cancelled) {
}
