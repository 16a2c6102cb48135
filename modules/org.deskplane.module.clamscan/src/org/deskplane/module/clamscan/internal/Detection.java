package org.deskplane.module.clamscan.internal;

/** One clamscan hit: the signature name (e.g. Deskplane.Test.Marker-1.UNOFFICIAL) in a file. */
record Detection(String file, String signature) {
}
