package org.deskplane.delivery.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.api.TargetSelector;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmInfo;

/**
 * Turns a selector into VMs, once, at creation: ids and names must each match (a typo is an error, not an empty
 * rollout); pools ({@value #POOL_KEY}) and tags ({@value #TAGS_KEY}, comma-separated) are VM metadata and may match
 * none, as long as the whole selection is not empty.
 */
final class TargetResolver {
    static final String POOL_KEY = "pool";
    static final String TAGS_KEY = "tags";

    private TargetResolver() {
    }

    static List<VmInfo> resolve(TargetSelector selector, List<HypervisorConnection> connections) throws DeliveryException {
        if (selector == null || selector.isEmpty()) {
            throw new DeliveryException(Reason.INVALID, "a deployment needs targets: VM ids, names, pools or tags");
        }
        List<VmInfo> all = new ArrayList<>();
        for (HypervisorConnection connection : connections) {
            try {
                all.addAll(connection.listVms());
            } catch (HypervisorException e) {
                throw new DeliveryException(Reason.TRANSIENT, "hypervisor connection " + connection.id()
                        + " does not answer, so the targets cannot be resolved: " + e.getMessage(), e);
            }
        }
        Map<String, VmInfo> chosen = new LinkedHashMap<>();
        for (String id : selector.vmIds()) {
            List<VmInfo> matches = all.stream().filter(vm -> vm.id().toString().equals(id)
                    || vm.id().uuid().equalsIgnoreCase(id)).toList();
            one("VM id", id, matches).forEach(vm -> chosen.putIfAbsent(vm.id().toString(), vm));
        }
        for (String name : selector.names()) {
            List<VmInfo> matches = all.stream().filter(vm -> vm.name().equals(name)).toList();
            if (matches.isEmpty()) {
                throw new DeliveryException(Reason.INVALID, "no VM is named " + name);
            }
            matches.forEach(vm -> chosen.putIfAbsent(vm.id().toString(), vm));
        }
        for (VmInfo vm : all) {
            String pool = vm.metadata().getOrDefault(POOL_KEY, "").strip();
            List<String> tags = Arrays.stream(vm.metadata().getOrDefault(TAGS_KEY, "").split(","))
                    .map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).toList();
            boolean inPool = !pool.isEmpty() && selector.pools().contains(pool);
            boolean tagged = selector.tags().stream().anyMatch(t -> tags.contains(t.strip().toLowerCase(Locale.ROOT)));
            if (inPool || tagged) {
                chosen.putIfAbsent(vm.id().toString(), vm);
            }
        }
        if (chosen.isEmpty()) {
            throw new DeliveryException(Reason.INVALID, "the targets match no VM");
        }
        return List.copyOf(chosen.values());
    }

    private static List<VmInfo> one(String what, String value, List<VmInfo> matches) throws DeliveryException {
        if (matches.isEmpty()) {
            throw new DeliveryException(Reason.INVALID, "no VM has the " + what + " " + value);
        }
        if (matches.size() > 1) {
            throw new DeliveryException(Reason.INVALID, what + " " + value
                    + " is on several hosts; name it as connection/uuid");
        }
        return matches;
    }
}
