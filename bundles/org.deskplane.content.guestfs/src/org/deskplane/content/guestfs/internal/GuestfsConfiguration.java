package org.deskplane.content.guestfs.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane content through libguestfs",
        description = "Reads disks the in-process readers cannot (xfs, btrfs, LVM) in a libguestfs helper VM")
@interface GuestfsConfiguration {

    @AttributeDefinition(description = "The guestfish program (a name looked up on PATH, or an absolute path)")
    String guestfish() default "guestfish";

    @AttributeDefinition(description = "LIBGUESTFS_BACKEND for the helper VM")
    String backend() default "direct";

    @AttributeDefinition(description = "LIBGUESTFS_BACKEND_SETTINGS, e.g. force_tcg where KVM is missing or broken;"
            + " empty keeps the environment's")
    String backendSettings() default "";

    @AttributeDefinition(description = "Seconds the helper VM may take to boot (TCG without KVM is slow)")
    int launchTimeoutSeconds() default 600;

    @AttributeDefinition(description = "Seconds one command (a listing, a read) may take")
    int commandTimeoutSeconds() default 120;

    @AttributeDefinition(description = "Most entries one directory listing may have")
    int maxEntries() default 100_000;

    @AttributeDefinition(description = "Bytes one read asks the helper VM for (at most 2 MiB)")
    int readChunkBytes() default 1 << 20;
}
