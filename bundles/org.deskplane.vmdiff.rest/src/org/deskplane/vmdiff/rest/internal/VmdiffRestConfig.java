package org.deskplane.vmdiff.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane VM mobility REST", description = "Operations of the /api/vmdiff routes")
@interface VmdiffRestConfig {

    @AttributeDefinition(description = "How long a shut down waits for the guest before it fails, in seconds")
    int shutdownTimeoutSeconds() default 120;

    @AttributeDefinition(description = "How many operations (running and finished) GET /vmdiff/operations keeps")
    int keptOperations() default 300;

    @AttributeDefinition(description = "Operations that run at once (each on its own VM)")
    int workers() default 4;
}
