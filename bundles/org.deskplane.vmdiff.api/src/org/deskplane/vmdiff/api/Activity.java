package org.deskplane.vmdiff.api;

/**
 * What a host is doing with a VM right now, for progress bars: the action (suspend, resume, move, release), its
 * phase (saving memory, capturing, pushing, pulling, verifying, restoring…) and how far the phase is.
 */
public record Activity(String vm, String action, String phase, long done, long total) {

    /** 0..1, or -1 while the phase has no measure. */
    public double fraction() {
        return total <= 0 ? -1 : Math.min(1.0, (double) done / total);
    }
}
