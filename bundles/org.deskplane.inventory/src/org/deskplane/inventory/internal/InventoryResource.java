package org.deskplane.inventory.internal;

import java.io.IOException;
import java.util.List;

import org.deskplane.inventory.internal.InventoryDtos.Provider;
import org.deskplane.inventory.internal.InventoryDtos.Summary;
import org.deskplane.model.Inventory;
import org.deskplane.model.store.CorruptModelException;
import org.deskplane.model.store.ModelStore;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The {@code inventory} group of REST routes: a read-only view of the stored inventory. */
@Component(service = ApiResource.class, property = ApiResource.NAME_PROPERTY + "=inventory")
public final class InventoryResource implements ApiResource {

    /** Dynamic and greedy: a replaced or updated store is picked up without restarting this resource. */
    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ModelStore store;

    private final Provider provider;
    private final List<Route> routes;

    @Activate
    public InventoryResource(BundleContext context) {
        Bundle bundle = context.getBundle();
        this.provider = new Provider(bundle.getSymbolicName(), bundle.getVersion().toString());
        this.routes = List.of(
                Route.get("/inventory/hosts", Role.USER, "Hypervisor hosts in the inventory",
                        request -> ApiResult.ok(inventory().getHosts().stream().map(InventoryViews::host).toList())),
                Route.get("/inventory/vms", Role.USER, "Virtual machines in the inventory",
                        request -> ApiResult.ok(
                                inventory().getVirtualMachines().stream().map(InventoryViews::vm).toList())),
                Route.get("/inventory/summary", Role.USER,
                        "Counts of hosts and virtual machines, and the bundle version that answered",
                        request -> ApiResult.ok(summary())));
    }

    @Override
    public List<Route> routes() {
        return routes;
    }

    private Summary summary() {
        Inventory inventory = inventory();
        return new Summary(inventory.getHosts().size(), inventory.getVirtualMachines().size(), provider);
    }

    private Inventory inventory() {
        ModelStore current = store;
        if (current == null) {
            throw new ApiException(503, "Service unavailable", "the model store is not available; try again");
        }
        try {
            return current.load(ModelStore.INVENTORY, Inventory.class);
        } catch (CorruptModelException e) {
            throw new ApiException(500, "Inventory unreadable",
                    "the stored inventory cannot be read; an operator must repair or quarantine it", e);
        } catch (IOException e) {
            throw new ApiException(500, "Inventory unreadable", "the stored inventory cannot be read", e);
        }
    }
}
