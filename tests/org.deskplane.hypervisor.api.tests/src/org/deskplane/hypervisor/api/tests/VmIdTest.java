package org.deskplane.hypervisor.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.deskplane.hypervisor.api.VmId;
import org.junit.jupiter.api.Test;

/** UUIDs are unique per host only, so a VM is known by connection + UUID. */
class VmIdTest {
    private static final String UUID = "4dea22b3-1d52-d8f3-2516-782e98ab3fa0";

    @Test
    void formatsAsConnectionSlashUuid() {
        assertEquals("lab/" + UUID, new VmId("lab", UUID).toString());
    }

    @Test
    void equalWhenConnectionAndUuidAreEqual() {
        assertEquals(new VmId("lab", UUID), new VmId("lab", UUID));
        assertEquals(new VmId("lab", UUID).hashCode(), new VmId("lab", UUID).hashCode());
        assertEquals(1, Set.of(new VmId("lab", UUID)).size());
    }

    @Test
    void sameUuidOnAnotherConnectionIsAnotherVm() {
        assertNotEquals(new VmId("lab", UUID), new VmId("office", UUID));
    }

    @Test
    void connectionAndUuidAreRequired() {
        NullPointerException noConnection = assertThrows(NullPointerException.class, () -> new VmId(null, UUID));
        assertEquals("connectionId", noConnection.getMessage());
        NullPointerException noUuid = assertThrows(NullPointerException.class, () -> new VmId("lab", null));
        assertEquals("uuid", noUuid.getMessage());
    }
}
