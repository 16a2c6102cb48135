package org.deskplane.hypervisor.libvirt.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.deskplane.hypervisor.api.HypervisorEvents;
import org.deskplane.hypervisor.api.HypervisorEvents.VmEventType;
import org.deskplane.hypervisor.api.VmInfo;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Posts hypervisor events on EventAdmin when one is there (events are best effort: nobody may be listening). */
final class EventPublisher {

    private final Supplier<EventAdmin> eventAdmin;
    private final String connectionId;
    private final String uri;

    EventPublisher(Supplier<EventAdmin> eventAdmin, String connectionId, String uri) {
        this.eventAdmin = eventAdmin;
        this.connectionId = connectionId;
        this.uri = uri;
    }

    void vm(VmEventType type, String uuid, VmInfo info, String detail) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(HypervisorEvents.PROPERTY_CONNECTION, connectionId);
        properties.put(HypervisorEvents.PROPERTY_UUID, uuid);
        if (info != null) {
            properties.put(HypervisorEvents.PROPERTY_NAME, info.name());
            properties.put(HypervisorEvents.PROPERTY_STATE, info.state().name());
        }
        if (detail != null) {
            properties.put(HypervisorEvents.PROPERTY_DETAIL, detail);
        }
        post(type.topic(), properties);
    }

    void connected() {
        post(HypervisorEvents.CONNECTION_CONNECTED,
                Map.of(HypervisorEvents.PROPERTY_CONNECTION, connectionId, HypervisorEvents.PROPERTY_URI, uri));
    }

    void disconnected(String error) {
        post(HypervisorEvents.CONNECTION_DISCONNECTED, Map.of(HypervisorEvents.PROPERTY_CONNECTION, connectionId,
                HypervisorEvents.PROPERTY_URI, uri, HypervisorEvents.PROPERTY_ERROR, String.valueOf(error)));
    }

    private void post(String topic, Map<String, Object> properties) {
        EventAdmin admin = eventAdmin.get();
        if (admin != null) {
            admin.postEvent(new Event(topic, properties));
        }
    }
}
