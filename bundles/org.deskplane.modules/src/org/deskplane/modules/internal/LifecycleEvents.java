package org.deskplane.modules.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.deskplane.hypervisor.api.DiskInfo;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmStartVetoedException;
import org.deskplane.modules.api.LifecycleTopics;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts the host's lifecycle topics that modules subscribe to, and collects vetoes of a VM's start. */
final class LifecycleEvents {

    private final Supplier<EventAdmin> eventAdmin;

    LifecycleEvents(Supplier<EventAdmin> eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    void serverStarted() {
        EventAdmin admin = eventAdmin.get();
        if (admin != null) {
            admin.postEvent(new Event(LifecycleTopics.SERVER_STARTED, Map.of()));
        }
    }

    /** Synchronous: subscribers finish their work before the server goes down. */
    void serverStopping() {
        EventAdmin admin = eventAdmin.get();
        if (admin != null) {
            admin.sendEvent(new Event(LifecycleTopics.SERVER_STOPPING, Map.of()));
        }
    }

    /**
     * Sends {@code VM_STARTING} synchronously to every subscriber (modules among them) and throws the first veto.
     */
    void vmStarting(VmInfo vm, String image) throws VmStartVetoedException {
        EventAdmin admin = eventAdmin.get();
        if (admin == null) {
            return;
        }
        AtomicReference<String[]> first = new AtomicReference<>();
        LifecycleTopics.StartVeto veto = (by, reason) -> first.compareAndSet(null,
                new String[] { by == null ? "a module" : by, reason == null ? "no reason given" : reason });
        Map<String, Object> properties = new HashMap<>();
        properties.put(LifecycleTopics.PROPERTY_VM, vm.id().uuid());
        properties.put(LifecycleTopics.PROPERTY_VM_NAME, vm.name());
        properties.put(LifecycleTopics.PROPERTY_IMAGE, image);
        properties.put(LifecycleTopics.PROPERTY_DISKS, diskFiles(vm.disks()));
        properties.put(LifecycleTopics.PROPERTY_VETO, veto);
        admin.sendEvent(new Event(LifecycleTopics.VM_STARTING, properties));
        String[] vetoed = first.get();
        if (vetoed != null) {
            throw new VmStartVetoedException(vetoed[0], vetoed[1]);
        }
    }

    private static String[] diskFiles(List<DiskInfo> disks) {
        return disks.stream().filter(d -> !d.isCdrom() && d.path() != null && !d.path().isBlank())
                .map(DiskInfo::path).toArray(String[]::new);
    }
}
