package org.deskplane.modules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane module host", description = "Extension modules requested from inside VMs")
public @interface HostConfig {

    @AttributeDefinition(description = "Largest module jar accepted, in bytes")
    long maxModuleBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(description = "Uploads that may be open at once (more are answered BUSY)")
    int maxConcurrentUploads() default 8;

    @AttributeDefinition(description = "How long a module may take to start before it is quarantined, in seconds")
    int activationTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Requests kept in memory for status and history")
    int historySize() default 5000;

    @AttributeDefinition(description = "Largest size of the request history file (requests.jsonl) before it is "
            + "compacted to the requests kept in memory, in bytes")
    long historyFileBytes() default 16L * 1024 * 1024;

    @AttributeDefinition(description = "Configuration settings guests may change, each 'pid/key=description'")
    String[] configurationWhitelist() default {};

    @AttributeDefinition(description = "p2 update site (file: URI) registered modules missing at VM start are "
            + "fetched from; empty: none")
    String updateSite() default "";

    @AttributeDefinition(description = "VM metadata key naming the VM's image for registrations and policy; "
            + "without it the image is the VM's UUID")
    String imageMetadataKey() default "module.image";
}
