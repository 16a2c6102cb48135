package org.deskplane.delivery.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane software delivery engine")
public @interface EngineConfig {

    @AttributeDefinition(name = "Default method order",
            description = "Delivery methods tried per VM when a deployment names none; the first able to serve the VM is used")
    String[] default_methods() default { "cdrom", "disk-clone", "channel-copy", "qga-copy" };

    @AttributeDefinition(name = "Scheduler tick (ms)", description = "How often the engine looks for items to start")
    long tick_millis() default 250;

    @AttributeDefinition(name = "Guest status poll (ms)", description = "How often a processing guest is asked for its status")
    long poll_millis() default 1000;

    @AttributeDefinition(name = "Retry back-off (ms)", description = "Wait before retrying an item after a transient error (doubles per attempt)")
    long retry_backoff_millis() default 2000;

    @AttributeDefinition(name = "Worker threads", description = "Items in progress at once over all deployments")
    int workers() default 64;

    @AttributeDefinition(name = "Per-VM log limit (bytes)", description = "A VM's log in one deployment stops growing here")
    long log_limit_bytes() default 1_048_576;
}
