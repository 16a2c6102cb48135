package org.deskplane.vmdiff.host.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The saved definition's first hard disk is pointed at this host's overlay; nothing else changes. */
class DomainDiskTest {

    private static final String SAVED = """
            <domain type='qemu'><name>alice</name><uuid>0f8fad5b-d9cb-469f-a165-70867728950e</uuid><devices>
              <disk type='file' device='cdrom'><source file='/iso/tools.iso'/><target dev='hdc'/></disk>
              <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
                <source file='/hosts/a/run/alice.qcow2' index='2'/>
                <backingStore type='file' index='1'><format type='qcow2'/><source file='/hosts/a/bases/x.qcow2'/></backingStore>
                <target dev='vda' bus='virtio'/></disk>
              <disk type='file' device='disk'><source file='/images/agent.qcow2'/><target dev='vdb'/><readonly/></disk>
            </devices></domain>""";

    @Test
    void theFirstHardDiskRunsOnThisHostsOverlay() {
        String xml = DomainDisk.pointFirstDisk(SAVED, Path.of("/hosts/b/run/alice.qcow2"));
        assertTrue(xml.contains("file=\"/hosts/b/run/alice.qcow2\""), xml);
        assertFalse(xml.contains("/hosts/a/"), "the old host's overlay and backing chain are gone: " + xml);
        assertFalse(xml.contains("backingStore"), xml);
        assertTrue(xml.contains("/iso/tools.iso") && xml.contains("/images/agent.qcow2"), "other disks stay: " + xml);
        assertEquals("0f8fad5b-d9cb-469f-a165-70867728950e", DomainDisk.uuid(xml));
    }

    @Test
    void aDomainWithoutAHardDiskOrWithADoctypeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DomainDisk.pointFirstDisk(
                "<domain><devices><disk device='cdrom'/></devices></domain>", Path.of("/x.qcow2")));
        IllegalArgumentException doctype = assertThrows(IllegalArgumentException.class, () -> DomainDisk.pointFirstDisk(
                "<!DOCTYPE d [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><domain>&e;</domain>", Path.of("/x.qcow2")));
        assertTrue(doctype.getMessage().contains("unreadable"), doctype.getMessage());
    }
}
