package org.deskplane.model.store.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.deskplane.model.DeskplanePackage;
import org.deskplane.model.Inventory;
import org.deskplane.model.store.ModelStore;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The DS-provided ModelStore service in a running framework. */
class ModelStoreServiceTest {

    private static ServiceTracker<ModelStore, ModelStore> tracker;
    private static ModelStore store;

    @BeforeAll
    static void waitForService() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(ModelStoreServiceTest.class).getBundleContext();
        tracker = new ServiceTracker<>(context, ModelStore.class, null);
        tracker.open();
        store = tracker.waitForService(20_000);
        assertNotNull(store, "ModelStore service did not appear within 20 s (is Felix SCR running?)");
    }

    @AfterAll
    static void close() {
        tracker.close();
    }

    private static String uniqueName() {
        return "roundtrip-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void savedModelLoadsBackEqualFromTheDataDirectory() throws Exception {
        String name = uniqueName();
        Inventory original = SampleInventories.full(7);

        store.save(name, original);

        Path expectedFile = Path.of(System.getProperty("deskplane.data"), "model", name + ".xmi");
        assertTrue(Files.isRegularFile(expectedFile), "expected the model at " + expectedFile);
        assertTrue(Files.readString(expectedFile).contains(DeskplanePackage.eNS_URI));
        Inventory loaded = store.load(name, Inventory.class);
        assertNotSame(original, loaded);
        assertTrue(EcoreUtil.equals(original, loaded), "loaded model differs from the saved one");
        assertNull(SampleInventories.inconsistency(loaded));
    }

    @Test
    void absentModelLoadsAsEmptyInventory() throws Exception {
        String name = uniqueName();
        assertFalse(store.exists(name));
        EObject root = store.load(name);
        Inventory inventory = assertInstanceOf(Inventory.class, root);
        assertTrue(inventory.getVirtualMachines().isEmpty());
        assertFalse(store.exists(name), "loading must not create a file");
    }

    @Test
    void loadedObjectsAreCopiesTheCallerOwns() throws Exception {
        String name = uniqueName();
        store.save(name, SampleInventories.full(3));
        Inventory first = store.load(name, Inventory.class);
        first.getVirtualMachines().clear();
        first.setRevision(99);
        Inventory second = store.load(name, Inventory.class);
        assertEquals(3, second.getRevision());
        assertNull(SampleInventories.inconsistency(second));
    }

    @Test
    void namesThatAreNotPlainIdentifiersAreRejected() {
        Inventory inventory = SampleInventories.full(1);
        for (String bad : new String[] {"../escape", "a/b", "", "UPPER", ".hidden"}) {
            assertThrows(IllegalArgumentException.class, () -> store.save(bad, inventory), bad);
        }
    }
}
