package org.deskplane.layers.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deskplane.layers.api.CvdStore;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The DS component: registered once its bundle starts, keeping its files under ${deskplane.data}/layers. */
class ComponentTest {

    @Test
    void theServiceStoresUnderTheDataDirectory() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(ComponentTest.class).getBundleContext();
        ServiceTracker<CvdStore, CvdStore> tracker = new ServiceTracker<>(context, CvdStore.class, null);
        tracker.open();
        try {
            CvdStore store = tracker.waitForService(20_000);
            assertNotNull(store, "no CvdStore service within 20 s");
            byte[] data = Fixtures.bytes(99, 4096);
            store.putChunk(Fixtures.id(data), new ByteArrayInputStream(data), data.length);
            Path layers = DataDirectory.resolve(context.getProperty(DataDirectory.PROPERTY)).resolve("layers");
            String id = Fixtures.id(data);
            assertTrue(Fixtures.chunkFile(layers, id) != null, layers.toString());
            assertEquals(data.length, store.openChunk(id).readAllBytes().length);
        } finally {
            tracker.close();
        }
    }
}
