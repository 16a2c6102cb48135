package org.deskplane.layers.api;

import java.time.Instant;
import java.util.Map;

/**
 * An immutable version (snapshot) of a CVD: for each layer the digest of its manifest. Layers an upload did not
 * change keep their parent's digest.
 *
 * @param cvdId the CVD
 * @param number 1, 2, 3… in publish order
 * @param parent the version this one was made from (0 for the first)
 * @param created when it was published
 * @param endpointId the endpoint that uploaded it ("server" for restores made on the server)
 * @param kind why it exists
 * @param layers manifest digest per layer present in this version
 * @param fencingToken the master lease token the upload carried (0 for user-content-only uploads)
 * @param note free text (e.g. "snapshot before becoming master")
 */
public record CvdVersion(String cvdId, long number, long parent, Instant created, String endpointId, Kind kind,
        Map<Layer, String> layers, long fencingToken, String note) {

    public CvdVersion {
        layers = Map.copyOf(layers);
        note = note == null ? "" : note;
    }

    public enum Kind {
        /** Periodic or on-change upload by an endpoint. */
        UPLOAD,
        /** Taken before an endpoint becomes master, so that the switch can be undone. */
        SNAPSHOT,
        /** An older version published again as the newest. */
        RESTORE
    }
}
