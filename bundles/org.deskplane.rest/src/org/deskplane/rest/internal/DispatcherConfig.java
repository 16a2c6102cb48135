package org.deskplane.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane REST dispatcher", description = "Limits of the /api endpoint")
@interface DispatcherConfig {

    @AttributeDefinition(description = "Largest request body (uploads of bundles, files) in MiB")
    int maxBodyMiB() default 256;

    @AttributeDefinition(description = "How long a provider being removed may take to finish its requests, in seconds")
    int drainSeconds() default 10;
}
