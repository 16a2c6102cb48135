package org.deskplane.delivery.api;

import java.util.List;

/**
 * Which VMs a deployment goes to: the union of VMs named by id ({@code connection/uuid}, or a bare UUID when it is
 * unique), by name, by pool (VM metadata key {@code pool}) or by tag (VM metadata key {@code tags}, comma-separated).
 * Resolved once, when the deployment is created.
 */
public record TargetSelector(List<String> vmIds, List<String> names, List<String> pools, List<String> tags) {

    public TargetSelector {
        vmIds = vmIds == null ? List.of() : List.copyOf(vmIds);
        names = names == null ? List.of() : List.copyOf(names);
        pools = pools == null ? List.of() : List.copyOf(pools);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public boolean isEmpty() {
        return vmIds.isEmpty() && names.isEmpty() && pools.isEmpty() && tags.isEmpty();
    }

    public static TargetSelector ofIds(List<String> ids) {
        return new TargetSelector(ids, null, null, null);
    }
}
