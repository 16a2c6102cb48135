package org.deskplane.layers.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.deskplane.layers.api.Cvd;
import org.deskplane.layers.api.CvdStore;
import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.GcReport;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.api.PublishRequest;
import org.deskplane.layers.api.StoreStats;
import org.deskplane.layers.api.VerifyReport;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link CvdStore} service over {@code ${deskplane.data}/layers}. A configuration change re-activates it; the
 * store is opened again then (which also runs crash recovery).
 */
@Component(service = CvdStore.class, immediate = true, configurationPid = CvdStoreComponent.PID)
@Designate(ocd = StoreConfig.class)
public final class CvdStoreComponent implements CvdStore {

    static final String PID = "org.deskplane.layers.store";

    private final FileCvdStore store;

    @Activate
    public CvdStoreComponent(BundleContext context, StoreConfig config) throws IOException {
        StoreSettings settings = new StoreSettings(Math.max(0, config.gracePeriodSeconds()) * 1000L,
                Math.min(Math.max(1, config.maxChunkBytes()), StoreSettings.CHUNK_CEILING), config.compressChunks());
        this.store = new FileCvdStore(DataDirectory.resolve(context.getProperty(DataDirectory.PROPERTY)).resolve("layers"),
                settings, Clock.systemUTC());
    }

    FileCvdStore store() {
        return store;
    }

    @Override
    public Cvd create(String cvdId, String owner) throws LayerException {
        return store.create(cvdId, owner);
    }

    @Override
    public List<Cvd> list() {
        return store.list();
    }

    @Override
    public Optional<Cvd> find(String cvdId) {
        return store.find(cvdId);
    }

    @Override
    public Set<String> missingChunks(Collection<String> chunkIds) {
        return store.missingChunks(chunkIds);
    }

    @Override
    public boolean putChunk(String chunkId, InputStream data, long length) throws IOException, LayerException {
        return store.putChunk(chunkId, data, length);
    }

    @Override
    public InputStream openChunk(String chunkId) throws IOException, LayerException {
        return store.openChunk(chunkId);
    }

    @Override
    public CvdVersion publish(String cvdId, PublishRequest request) throws LayerException {
        return store.publish(cvdId, request);
    }

    @Override
    public List<CvdVersion> versions(String cvdId) throws LayerException {
        return store.versions(cvdId);
    }

    @Override
    public CvdVersion version(String cvdId, long number) throws LayerException {
        return store.version(cvdId, number);
    }

    @Override
    public LayerManifest manifest(String cvdId, long number, Layer layer) throws LayerException {
        return store.manifest(cvdId, number, layer);
    }

    @Override
    public CvdVersion restore(String cvdId, long number, String note) throws LayerException {
        return store.restore(cvdId, number, note);
    }

    @Override
    public GcReport collectGarbage() throws IOException {
        return store.collectGarbage();
    }

    @Override
    public VerifyReport verify() throws IOException {
        return store.verify();
    }

    @Override
    public StoreStats stats() {
        return store.stats();
    }
}
