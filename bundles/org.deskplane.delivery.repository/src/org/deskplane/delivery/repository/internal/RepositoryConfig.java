package org.deskplane.delivery.repository.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane payload repository", description = "Limits of payload imports")
public @interface RepositoryConfig {

    @AttributeDefinition(description = "Most bytes read from one uploaded archive")
    long maxArchiveBytes() default 8L << 30;

    @AttributeDefinition(description = "Most bytes of files in one payload (unpacked), so that a zip bomb cannot fill the disk")
    long maxPayloadBytes() default 8L << 30;

    @AttributeDefinition(description = "Most files (and archive entries) in one payload")
    int maxFiles() default 100_000;
}
