package org.deskplane.delivery.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane software delivery REST", description = "Limits of the /api/delivery routes")
@interface DeliveryRestConfig {

    /** Also bounded by the dispatcher's largest request body (maxBodyMiB of the REST dispatcher). */
    @AttributeDefinition(description = "Largest payload zip archive an import reads, in MiB")
    int maxImportMiB() default 1024;
}
