package org.deskplane.vmdiff.qcow2;

/**
 * One allocated guest cluster of an overlay.
 *
 * @param guestIndex the guest offset divided by the cluster size
 * @param kind whether the overlay stores data for it or marks it as zeros
 */
public record ClusterEntry(long guestIndex, ClusterKind kind) {
}
