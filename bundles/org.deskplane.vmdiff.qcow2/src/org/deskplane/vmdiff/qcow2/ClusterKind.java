package org.deskplane.vmdiff.qcow2;

/** What an overlay holds for one guest cluster it allocates. */
public enum ClusterKind {
    /** The overlay stores the cluster's bytes (possibly compressed). */
    DATA,
    /** The overlay says "reads as zeros" (qcow2 v3 zero flag), hiding whatever the base holds there. */
    ZERO
}
