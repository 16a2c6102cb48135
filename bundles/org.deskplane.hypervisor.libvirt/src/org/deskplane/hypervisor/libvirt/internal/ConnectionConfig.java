package org.deskplane.hypervisor.libvirt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One libvirt connection (a ConfigurationAdmin factory configuration). */
@ObjectClassDefinition(name = "Deskplane libvirt connection",
        description = "A hypervisor host reached through a libvirt URI")
public @interface ConnectionConfig {

    @AttributeDefinition(name = "Connection id",
            description = "Short unique name; it names the host in the inventory and appears in VM ids")
    String connection_id();

    @AttributeDefinition(name = "libvirt URI",
            description = "e.g. qemu:///system, qemu+ssh://user@host/system, test:///path/to/node.xml")
    String uri();

    @AttributeDefinition(name = "First reconnect delay (ms)")
    long reconnect_initial_millis() default 1_000;

    @AttributeDefinition(name = "Longest reconnect delay (ms)", description = "The delay doubles up to this")
    long reconnect_max_millis() default 60_000;

    @AttributeDefinition(name = "Health check interval (ms)",
            description = "How often a connected host is checked to be alive")
    long health_check_millis() default 5_000;

    @AttributeDefinition(name = "Full refresh interval (ms)",
            description = "Safety net beside lifecycle events: the whole host is re-read this often")
    long full_refresh_millis() default 300_000;

    @AttributeDefinition(name = "Export directory",
            description = "Where point-in-time disk exports of running VMs put their NBD sockets and scratch files "
                    + "(created owned like its parent, which must belong to QEMU's user; local hosts only)")
    String export_directory() default "/var/lib/libvirt/qemu/deskplane-exports";
}
