package org.deskplane.modules.channel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.wire.ModuleWire;

/**
 * Who asks, as the host knows it: the channel authenticated the peer as a VM UUID (its per-VM secret); the
 * hypervisor connections say which VM that is, its {@value #OWNER_KEY} (the same metadata key printing uses) and
 * its {@value #IMAGE_KEY} (the image registrations and policy are keyed by; the VM UUID when not set).
 */
final class VmDirectory {
    static final String OWNER_KEY = "owner";
    static final String IMAGE_KEY = "module.image";

    private VmDirectory() {
    }

    /** @param vmId the channel's (authenticated) VM id: the VM's UUID */
    static Requester requesterOf(String vmId, List<HypervisorConnection> connections) throws Refusal {
        String uuid = vmId.toLowerCase(Locale.ROOT);
        List<VmInfo> found = new ArrayList<>();
        List<String> down = new ArrayList<>();
        for (HypervisorConnection connection : connections) {
            try {
                found.add(connection.vm(uuid));
            } catch (HypervisorException e) {
                if (e.kind() != HypervisorException.Kind.NOT_FOUND) {
                    down.add(connection.id());
                }
            } catch (RuntimeException e) {
                down.add(connection.id());
            }
        }
        if (found.isEmpty()) {
            throw down.isEmpty()
                    ? new Refusal(ModuleWire.UNKNOWN_VM, "no hypervisor connection knows VM " + uuid)
                    : new Refusal(ModuleWire.UNAVAILABLE, "VM " + uuid + " not found; connections not answering: "
                            + String.join(", ", down));
        }
        if (found.size() > 1) {
            // a UUID is unique per host only: rather no module than another VM's owner and policy
            throw new Refusal(ModuleWire.UNKNOWN_VM, "VM " + uuid + " exists on several connections; modules need one");
        }
        VmInfo vm = found.get(0);
        String owner = vm.metadata().getOrDefault(OWNER_KEY, "").trim();
        if (owner.isEmpty()) {
            // the audit log names the VM's user for every request: no owner, no requests
            throw new Refusal(ModuleStatus.DENIED.name(), "VM " + vm.name() + " has no " + OWNER_KEY
                    + " in its metadata: it may not use modules");
        }
        String image = vm.metadata().getOrDefault(IMAGE_KEY, "").trim();
        return Requester.guest(uuid, image.isEmpty() ? uuid : image, owner);
    }
}
