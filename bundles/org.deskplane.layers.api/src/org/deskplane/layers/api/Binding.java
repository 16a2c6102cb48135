package org.deskplane.layers.api;

import java.util.List;
import java.util.Set;

/**
 * How one endpoint is bound to its CVD.
 *
 * @param endpointId the endpoint
 * @param cvdId its CVD
 * @param scope which layers it clones
 * @param driverSet the driver library folder matching its hardware ("" when none matched or the scope has no drivers)
 * @param pathMappings where user files go on this endpoint (empty: same places)
 * @param cacheMode whether the endpoint keeps only recently used user files and fetches the rest on access
 * @param rule the name of the binding rule that chose this
 */
public record Binding(String endpointId, String cvdId, Scope scope, String driverSet, List<PathMapping> pathMappings,
        boolean cacheMode, String rule) {

    public Binding {
        pathMappings = List.copyOf(pathMappings);
    }

    public Set<Layer> layers() {
        Set<Layer> layers = scope.layers();
        if (driverSet.isEmpty()) {
            layers.remove(Layer.DRIVERS);
        }
        return layers;
    }
}
