package org.deskplane.layers.server.internal;

import org.deskplane.layers.api.LayerException;

/** What the sync service needs to know from the CVD store (an interface so that unit tests can answer it). */
interface CvdFacts {

    /** @throws LayerException when the CVD does not exist or the store is away */
    void requireCvd(String cvdId) throws LayerException;

    /** Bytes of all files of the CVD's head (0 when empty or unknown). */
    long headBytes(String cvdId);

    /** The highest fencing token any stored version of the CVD carries (0 when none). */
    long highestToken(String cvdId);

    /** @throws LayerException unless version {@code number} exists and was uploaded by {@code endpointId} */
    void requireVersionBy(String cvdId, long number, String endpointId) throws LayerException;
}
