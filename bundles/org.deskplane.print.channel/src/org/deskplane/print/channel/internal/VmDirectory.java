package org.deskplane.print.channel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.print.routing.PrintingContext;

/**
 * Who is printing, as the host knows it: the channel authenticated the peer as a VM UUID (its per-VM secret); the
 * hypervisor connections say which VM that is, its name, its {@value #POOL_KEY} and its {@value #OWNER_KEY}.
 */
final class VmDirectory {
    static final String OWNER_KEY = "owner";
    static final String POOL_KEY = "pool";

    /** Why no context could be made; {@link #code()} is the wire error code. */
    static final class Unknown extends Exception {
        private static final long serialVersionUID = 1L;
        private final String code;

        Unknown(String code, String message) {
            super(message);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    private VmDirectory() {
    }

    /** @param vmId the channel's (authenticated) VM id: the VM's UUID */
    static PrintingContext contextOf(String vmId, List<HypervisorConnection> connections) throws Unknown {
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
            }
        }
        if (found.isEmpty()) {
            throw new Unknown(down.isEmpty() ? "unknown-vm" : "unavailable", down.isEmpty()
                    ? "no hypervisor connection knows VM " + uuid
                    : "VM " + uuid + " not found; connections not answering: " + String.join(", ", down));
        }
        if (found.size() > 1) {
            // a UUID is unique per host only: rather no printing than another VM's owner
            throw new Unknown("unknown-vm", "VM " + uuid + " exists on several connections; printing needs one");
        }
        VmInfo vm = found.get(0);
        String owner = vm.metadata().getOrDefault(OWNER_KEY, "").trim();
        if (owner.isEmpty()) {
            throw new Unknown("denied", "VM " + vm.name() + " has no owner in its metadata: nobody may print from it");
        }
        return new PrintingContext(vm.id().connectionId(), uuid, vm.name(), vm.metadata().getOrDefault(POOL_KEY, ""),
                owner);
    }
}
