package org.deskplane.layers.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane layers REST", description = "Limits of the /api/layers routes")
@interface LayersRestConfig {

    /** Also bounded by the dispatcher's largest request body. */
    @AttributeDefinition(description = "Largest chunk a PUT accepts, in MiB")
    int maxChunkMiB() default 16;

    @AttributeDefinition(description = "Longest wait of a head long poll, in seconds")
    int maxWaitSeconds() default 30;

    @AttributeDefinition(description = "How often a head long poll looks at the store, in milliseconds "
            + "(publishes made through these routes wake it at once)")
    int headPollMillis() default 50;
}
