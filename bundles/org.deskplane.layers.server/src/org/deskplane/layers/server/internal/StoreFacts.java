package org.deskplane.layers.server.internal;

import java.util.function.Supplier;

import org.deskplane.layers.api.Cvd;
import org.deskplane.layers.api.CvdStore;
import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;

/** {@link CvdFacts} answered by the current {@link CvdStore} service (which may come and go). */
final class StoreFacts implements CvdFacts {

    private final Supplier<CvdStore> store;

    StoreFacts(Supplier<CvdStore> store) {
        this.store = store;
    }

    private CvdStore store() throws LayerException {
        CvdStore current = store.get();
        if (current == null) {
            throw new LayerException("the CVD store (bundle org.deskplane.layers.store) is not running");
        }
        return current;
    }

    @Override
    public void requireCvd(String cvdId) throws LayerException {
        if (store().find(cvdId).isEmpty()) {
            throw new LayerException("no CVD " + cvdId);
        }
    }

    @Override
    public long headBytes(String cvdId) {
        try {
            CvdStore current = store();
            Cvd cvd = current.find(cvdId).orElse(null);
            if (cvd == null || cvd.head() == 0) {
                return 0;
            }
            long bytes = 0;
            for (Layer layer : current.version(cvdId, cvd.head()).layers().keySet()) {
                bytes += current.manifest(cvdId, cvd.head(), layer).totalBytes();
            }
            return bytes;
        } catch (LayerException e) {
            return 0; // unknown size: no cache mode, the endpoint takes everything
        }
    }

    @Override
    public long highestToken(String cvdId) {
        try {
            return store().versions(cvdId).stream().mapToLong(CvdVersion::fencingToken).max().orElse(0);
        } catch (LayerException e) {
            return 0; // the persisted token alone keeps tokens growing
        }
    }

    @Override
    public void requireVersionBy(String cvdId, long number, String endpointId) throws LayerException {
        CvdVersion version = store().version(cvdId, number);
        if (!version.endpointId().equals(endpointId)) {
            throw new LayerException("version " + number + " of " + cvdId + " was uploaded by " + version.endpointId()
                    + ", not by " + endpointId);
        }
    }
}
