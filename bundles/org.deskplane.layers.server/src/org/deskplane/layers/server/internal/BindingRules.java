package org.deskplane.layers.server.internal;

import java.util.List;
import java.util.Locale;

import org.deskplane.layers.api.Binding;
import org.deskplane.layers.api.EndpointInfo;
import org.deskplane.layers.api.PathMapping;
import org.deskplane.layers.api.Scope;

/**
 * Chooses an endpoint's binding: the scope from its OS (and whether it is a VM) against the CVD's reference OS, the driver set from the first
 * matching driver rule (FULL scope only: the others keep their own drivers), path mappings for another OS family,
 * cache mode when the endpoint has less free space than the CVD needs. The rule names are recorded in the binding.
 */
final class BindingRules {

    private final SyncSettings settings;

    BindingRules(SyncSettings settings) {
        this.settings = settings;
    }

    boolean isVirtualMachine(EndpointInfo endpoint) {
        String vendor = endpoint.hardware().get("dmi.sys_vendor");
        return vendor != null && settings.vmVendor().matcher(vendor.strip()).matches();
    }

    /**
     * @param reference the CVD's reference OS, or null when this endpoint is the first and becomes the reference
     * @param cvdBytes the size of the CVD's head (0 when unknown)
     */
    Binding bind(EndpointInfo endpoint, ReferenceOs reference, long cvdBytes) {
        String family = normal(endpoint.osFamily());
        String release = normal(endpoint.osRelease());
        Scope scope;
        String scopeRule;
        List<PathMapping> mappings = List.of();
        if (reference == null || reference.endpointId().equals(endpoint.id())) {
            scope = Scope.FULL;
            scopeRule = "reference-endpoint";
        } else if (!family.equals(reference.family())) {
            scope = Scope.USER_ONLY;
            scopeRule = "other-os-family";
            mappings = UserFolderLayouts.mappings(reference.family(), family);
        } else if (!release.equals(reference.release())) {
            scope = Scope.REBASE;
            scopeRule = "other-os-release";
        } else if (isVirtualMachine(endpoint) != reference.virtualMachine()) {
            // VM tools must neither be removed from a VM nor installed on a physical machine: keep the own base OS
            scope = Scope.REBASE;
            scopeRule = "virtual-vs-physical";
        } else {
            scope = Scope.FULL;
            scopeRule = "same-os";
        }
        String driverSet = "";
        String rule = scopeRule;
        if (scope.includes(org.deskplane.layers.api.Layer.DRIVERS)) {
            for (DriverRule driverRule : settings.driverRules()) {
                if (driverRule.matches(endpoint.hardware())) {
                    driverSet = driverRule.driverSet();
                    rule = scopeRule + "+" + driverRule.name();
                    break;
                }
            }
        }
        boolean cacheMode = cvdBytes > 0 && endpoint.freeBytes() > 0 && endpoint.freeBytes() < cvdBytes;
        return new Binding(endpoint.id(), endpoint.cvdId(), scope, driverSet, mappings, cacheMode, rule);
    }

    static String normal(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }
}
