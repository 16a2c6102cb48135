package org.deskplane.disk.ntfs.internal;

/** A run of clusters: virtual clusters [vcn, vcn + length) at logical cluster lcn, or a hole when lcn &lt; 0. */
record DataRun(long vcn, long length, long lcn) {

    static final long HOLE = -1;

    boolean isHole() {
        return lcn < 0;
    }
}
