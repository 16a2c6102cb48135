package org.deskplane.layers.server.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.deskplane.layers.api.LayerException;

/** CVD facts a test sets: which CVDs exist, their sizes, tokens in stored versions and who uploaded which version. */
final class FakeFacts implements CvdFacts {
    final Set<String> cvds = new HashSet<>();
    final Map<String, Long> sizes = new HashMap<>();
    final Map<String, Long> tokens = new HashMap<>();
    final Map<String, String> uploaders = new HashMap<>();

    @Override
    public void requireCvd(String cvdId) throws LayerException {
        if (!cvds.contains(cvdId)) {
            throw new LayerException("no CVD " + cvdId);
        }
    }

    @Override
    public long headBytes(String cvdId) {
        return sizes.getOrDefault(cvdId, 0L);
    }

    @Override
    public long highestToken(String cvdId) {
        return tokens.getOrDefault(cvdId, 0L);
    }

    @Override
    public void requireVersionBy(String cvdId, long number, String endpointId) throws LayerException {
        if (!endpointId.equals(uploaders.get(cvdId + "@" + number))) {
            throw new LayerException("version " + number + " was not uploaded by " + endpointId);
        }
    }
}
