package org.deskplane.print.ui.internal;

import org.deskplane.hypervisor.api.VmInfo;

/** A VM of the inventory as the Printers part offers it. */
record VmChoice(String connectionId, String uuid, String name, String owner) {

    static VmChoice of(VmInfo vm) {
        return new VmChoice(vm.id().connectionId(), vm.id().uuid(), vm.name(), vm.metadata().getOrDefault("owner", ""));
    }

    /** As the combo shows it: name, connection, and whose printers it shows. */
    String label() {
        return name + " (" + connectionId + ", " + (owner.isEmpty() ? "no owner" : "user " + owner) + ")";
    }

    String key() {
        return connectionId + ":" + uuid;
    }
}
