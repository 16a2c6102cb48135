package org.deskplane.layers.api;

import java.time.Instant;

/**
 * A centralized virtual desktop: one user's desktop image on the server.
 *
 * @param id stable identifier (letters, digits, '-', '_', '.'; at most 64)
 * @param owner the user whose desktop this is
 * @param created when it was created
 * @param head the newest upload or restore (snapshots are recovery points, never the head); 0 before the first
 */
public record Cvd(String id, String owner, Instant created, long head) {

    public static boolean validId(String id) {
        return id != null && id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    }
}
