package org.deskplane.layers.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.deskplane.layers.api.ActivityReport;
import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.Cvd;
import org.deskplane.layers.api.CvdStore;
import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.EndpointInfo;
import org.deskplane.layers.api.GcReport;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.api.MasterState;
import org.deskplane.layers.api.PublishRequest;
import org.deskplane.layers.api.Scope;
import org.deskplane.layers.api.StoreStats;
import org.deskplane.layers.api.SyncService;
import org.deskplane.layers.api.VerifyReport;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The sync service as SCR starts it: registered as {@link SyncService}, state under {@code ${deskplane.data}/layers/sync},
 * the CVD store picked up (and dropped) while it runs.
 */
class SyncServiceComponentTest {

    /** A store that knows one empty CVD: enough for binding; the rest is not needed here. */
    private static final class OneCvdStore implements CvdStore {
        @Override
        public Optional<Cvd> find(String cvdId) {
            return cvdId.equals("scr-cvd") ? Optional.of(new Cvd("scr-cvd", "alice", Instant.EPOCH, 0)) : Optional.empty();
        }

        @Override
        public List<CvdVersion> versions(String cvdId) {
            return List.of();
        }

        @Override
        public Cvd create(String cvdId, String owner) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Cvd> list() {
            return find("scr-cvd").stream().toList();
        }

        @Override
        public Set<String> missingChunks(Collection<String> chunkIds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean putChunk(String chunkId, InputStream data, long length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InputStream openChunk(String chunkId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CvdVersion publish(String cvdId, PublishRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CvdVersion version(String cvdId, long number) throws LayerException {
            throw new LayerException("no version " + number);
        }

        @Override
        public LayerManifest manifest(String cvdId, long number, Layer layer) {
            return LayerManifest.empty(layer);
        }

        @Override
        public CvdVersion restore(String cvdId, long number, String note) {
            throw new UnsupportedOperationException();
        }

        @Override
        public GcReport collectGarbage() {
            throw new UnsupportedOperationException();
        }

        @Override
        public VerifyReport verify() {
            throw new UnsupportedOperationException();
        }

        @Override
        public StoreStats stats() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void scrStartsTheServiceWhichFollowsTheStoreAndPersistsUnderTheDataDirectory() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(SyncServiceComponent.class).getBundleContext();
        ServiceTracker<SyncService, SyncService> tracker = new ServiceTracker<>(context, SyncService.class, null);
        tracker.open();
        try {
            SyncService sync = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
            assertNotNull(sync, "SCR did not register the SyncService within 30 s");
            EndpointInfo laptop = new EndpointInfo("scr-laptop", "scr-cvd", "linux", "debian-13",
                    Map.of("dmi.sys_vendor", "QEMU", "dmi.product_name", "Standard PC (Q35 + ICH9, 2009)"), 0);
            LayerException away = assertThrows(LayerException.class, () -> sync.register(laptop));
            assertTrue(away.getMessage().contains("not running"), away.getMessage());

            ServiceRegistration<CvdStore> store = context.registerService(CvdStore.class, new OneCvdStore(), null);
            try {
                Binding binding = sync.register(laptop);
                assertEquals(Scope.FULL, binding.scope());
                assertEquals("drivers/qemu-q35", binding.driverSet(), "the default driver rules");
                MasterState master = sync.reportActivity("scr-cvd", new ActivityReport("scr-laptop", 3, 0, true));
                assertEquals("scr-laptop", master.master());
                assertTrue(master.token() >= 1);
            } finally {
                store.unregister();
            }
            Path state = Path.of(context.getProperty("deskplane.data"), "layers", "sync", "state.json");
            assertTrue(Files.readString(state).contains("scr-laptop"), "state written to " + state);
        } finally {
            tracker.close();
        }
    }
}
