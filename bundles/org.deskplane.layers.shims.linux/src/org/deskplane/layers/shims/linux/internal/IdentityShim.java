package org.deskplane.layers.shims.linux.internal;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.deskplane.layers.spi.LayerShim;
import org.deskplane.layers.spi.ShimContext;
import org.deskplane.layers.spi.ShimHook;
import org.osgi.service.component.annotations.Component;

/**
 * Gives a cloned endpoint its own machine identity: at STARTUP when the endpoint needs a new identity, and after a
 * pivot when the new tree has none (identity files are excluded from uploads, so a pivoted tree normally keeps the
 * device's own; a missing or malformed one is replaced). Identity files are never copied between endpoints.
 */
@Component(service = LayerShim.class)
public final class IdentityShim implements LayerShim {

    @Override
    public String osFamily() {
        return "linux";
    }

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public Set<ShimHook> hooks() {
        return Set.of(ShimHook.STARTUP, ShimHook.POST_PIVOT);
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<String> exclusions() {
        return List.of(MachineIdentity.MACHINE_ID, MachineIdentity.DBUS_MACHINE_ID, "etc/ssh/ssh_host_*");
    }

    @Override
    public void run(ShimHook hook, ShimContext context) throws IOException {
        MachineIdentity identity = new MachineIdentity(context.root());
        boolean newIdentity = context.newIdentity();
        if (newIdentity || !identity.hasValidMachineId()) {
            identity.regenerateMachineId();
            context.log("identity: new machine-id");
        }
        boolean keysMissing = identity.hostKeys().isEmpty();
        if (newIdentity || keysMissing) {
            boolean generated = identity.regenerateHostKeys(MachineIdentity.findSshKeygen());
            context.log(generated ? "identity: new SSH host keys"
                    : "identity: no SSH host keys generated (no ssh-keygen or no SSH server); the endpoint makes its own");
        }
    }
}
