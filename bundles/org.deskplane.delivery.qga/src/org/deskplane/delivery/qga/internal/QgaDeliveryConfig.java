package org.deskplane.delivery.qga.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane delivery through the QEMU guest agent", description = "Where jobs live in the guest")
public @interface QgaDeliveryConfig {

    @AttributeDefinition(description = "Guest folder holding one folder per job (runner, status, log, copied files)")
    String stateDirectory() default GuestPaths.DEFAULT_STATE;

    @AttributeDefinition(description = "Guest folder under which a job's disc is mounted")
    String mountDirectory() default GuestPaths.DEFAULT_MOUNT;
}
