package org.deskplane.layers.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane layers sync service",
        description = "Binding rules and the master lease of layered desktop images")
public @interface SyncConfig {

    @AttributeDefinition(description = "Master lease in seconds: the master keeps the role while it reports at least this often")
    long lease_seconds() default 120;

    @AttributeDefinition(description = "Seconds of user activity a candidate needs before the role may move to it")
    long candidate_active_seconds() default 30;

    @AttributeDefinition(description = "Seconds the master must have been idle before the role may move away from it")
    long master_idle_seconds() default 60;

    @AttributeDefinition(description = "Seconds the old master gets to push and hand over before the candidate takes the role anyway")
    long handover_timeout_seconds() default 120;

    @AttributeDefinition(description = "Seconds a candidate gets to upload its snapshot before the switch is abandoned")
    long snapshot_timeout_seconds() default 300;

    @AttributeDefinition(description = "Driver rules, first match wins: 'name: key ~ regex [&& key ~ regex] -> driver-set'. "
            + "A key ending in '*' matches every fact with that prefix (e.g. pci.*)")
    String[] driver_rules() default {
            "qemu-q35: dmi.product_name ~ Standard PC \\(Q35.* -> drivers/qemu-q35",
            "qemu-i440fx: dmi.product_name ~ Standard PC.* -> drivers/qemu-i440fx",
            "virtualbox: dmi.product_name ~ VirtualBox -> drivers/virtualbox",
            "vmware: dmi.sys_vendor ~ VMware.* -> drivers/vmware" };

    @AttributeDefinition(description = "Regular expression over dmi.sys_vendor that marks an endpoint as a virtual machine "
            + "(bound with scope REBASE, keeping its own base OS and VM tools)")
    String vm_vendor_pattern() default "QEMU|KVM|VMware.*|innotek GmbH|Xen|Red Hat";
}
