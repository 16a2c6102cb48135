package org.deskplane.layers.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane CVD store", description = "Chunk limits and garbage collection of the layered desktop image store")
public @interface StoreConfig {

    @AttributeDefinition(description = "Seconds a chunk that no version names yet is spared by garbage collection "
            + "(the time an upload has between putting a chunk and publishing the version that names it)")
    long gracePeriodSeconds() default 3600;

    @AttributeDefinition(description = "Largest chunk accepted, in bytes (at most 16 MiB)")
    int maxChunkBytes() default 16 << 20;

    @AttributeDefinition(description = "Keep chunks deflated when that makes them smaller")
    boolean compressChunks() default true;
}
