package org.deskplane.hypervisor.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorEvents;
import org.deskplane.hypervisor.api.HypervisorEvents.VmEventType;
import org.junit.jupiter.api.Test;

/**
 * EventAdmin topics and property names are a wire contract with subscribers in other bundles (and are written
 * out in the package documentation); the strings are spelled out here so a rename fails.
 */
class HypervisorEventsTest {

    @Test
    void vmTopicsAreUnderTheDocumentedPrefix() {
        assertEquals("org/deskplane/hypervisor/vm/", HypervisorEvents.VM_TOPIC_PREFIX);
        assertEquals("org/deskplane/hypervisor/vm/*", HypervisorEvents.VM_TOPIC_ALL);
        assertEquals("org/deskplane/hypervisor/vm/STARTED", VmEventType.STARTED.topic());
        assertEquals("org/deskplane/hypervisor/vm/CRASHED", VmEventType.CRASHED.topic());
    }

    @Test
    void vmEventTypesAreTheDocumentedOnes() {
        assertEquals(List.of("DEFINED", "UNDEFINED", "STARTED", "SUSPENDED", "RESUMED", "STOPPED", "SHUTDOWN",
                "PMSUSPENDED", "CRASHED", "CHANGED"), Arrays.stream(VmEventType.values()).map(Enum::name).toList());
        for (VmEventType type : VmEventType.values()) {
            assertEquals("org/deskplane/hypervisor/vm/" + type.name(), type.topic());
        }
    }

    @Test
    void connectionTopics() {
        assertEquals("org/deskplane/hypervisor/connection/CONNECTED", HypervisorEvents.CONNECTION_CONNECTED);
        assertEquals("org/deskplane/hypervisor/connection/DISCONNECTED", HypervisorEvents.CONNECTION_DISCONNECTED);
    }

    @Test
    void eventPropertyNames() {
        assertEquals("connection", HypervisorEvents.PROPERTY_CONNECTION);
        assertEquals("uri", HypervisorEvents.PROPERTY_URI);
        assertEquals("uuid", HypervisorEvents.PROPERTY_UUID);
        assertEquals("name", HypervisorEvents.PROPERTY_NAME);
        assertEquals("state", HypervisorEvents.PROPERTY_STATE);
        assertEquals("detail", HypervisorEvents.PROPERTY_DETAIL);
        assertEquals("error", HypervisorEvents.PROPERTY_ERROR);
    }

    @Test
    void connectionServicePropertyAndMetadataNamespace() {
        // configurations and stored domain XML use these; changing one orphans existing data
        assertEquals("connection.id", HypervisorConnection.ID_PROPERTY);
        assertEquals("http://deskplane.org/xmlns/hypervisor/1.0", HypervisorConnection.METADATA_NAMESPACE);
    }
}
