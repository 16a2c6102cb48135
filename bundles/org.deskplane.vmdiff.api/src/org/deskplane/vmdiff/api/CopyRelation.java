package org.deskplane.vmdiff.api;

/** How one copy of a VM's difference stands to another. */
public enum CopyRelation {
    /** Both hold the same newest generation. */
    SAME,
    /** This copy lacks newer generations the other has, on the same lineage: it can fast-forward. */
    BEHIND,
    /** This copy has newer generations the other lacks, on the same lineage. */
    AHEAD,
    /** The copies went different ways from a common generation (or share none): never merged, only reported. */
    DIVERGED,
    /** This copy holds no generation of the VM. */
    MISSING
}
