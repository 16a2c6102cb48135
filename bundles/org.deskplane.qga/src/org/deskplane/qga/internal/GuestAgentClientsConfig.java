package org.deskplane.qga.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane QEMU guest agent clients", description = "Default limits of guest agent clients")
public @interface GuestAgentClientsConfig {

    @AttributeDefinition(description = "Longest wait for one guest agent answer, in milliseconds")
    long callTimeoutMillis() default 10_000;

    @AttributeDefinition(description = "Largest guest agent answer accepted, in bytes")
    int maxResponseBytes() default 16 << 20;

    @AttributeDefinition(description = "Bytes per guest-file-read / guest-file-write")
    int fileChunkBytes() default 64 << 10;
}
