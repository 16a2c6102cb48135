package org.deskplane.hypervisor.libvirt.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.Consumer;

import org.deskplane.model.Inventory;
import org.deskplane.model.store.ModelStore;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The one place this bundle writes the shared inventory: every connection's changes go through here, one at a
 * time, as load → change → save, so two connections never overwrite each other's part. While no model store is
 * available changes are dropped (the next full refresh after the store returns brings the inventory back).
 */
@Component(service = InventoryWriter.class)
public final class InventoryWriter {

    private static final Logger LOG = System.getLogger(InventoryWriter.class.getName());

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ModelStore store;

    private final Object lock = new Object();

    /** @return whether the change was stored */
    public boolean update(String what, Consumer<Inventory> change) {
        ModelStore current = store;
        if (current == null) {
            LOG.log(Level.DEBUG, "no model store: inventory change dropped ({0})", what);
            return false;
        }
        synchronized (lock) {
            try {
                Inventory inventory = current.load(ModelStore.INVENTORY, Inventory.class);
                change.accept(inventory);
                inventory.setRevision(inventory.getRevision() + 1);
                current.save(ModelStore.INVENTORY, inventory);
                return true;
            } catch (java.nio.channels.ClosedByInterruptException e) {
                // the connection is being closed (its worker interrupted): the stored model stays the previous one
                LOG.log(Level.INFO, "inventory change abandoned while the connection closes ({0})", what);
                return false;
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "inventory change not stored (" + what + "): " + e.getMessage(), e);
                return false;
            }
        }
    }
}
