package org.deskplane.vmdiff.api;

/**
 * One cluster a generation's overlay holds: data (with the SHA-256 of its bytes) or "reads as zeros" (which hides the
 * base's data there; its hash is empty).
 */
public record ClusterEntry(long guestIndex, boolean zero, byte[] sha256) {
}
