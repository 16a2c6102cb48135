package org.deskplane.print.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane print router", description = "Spool and dispatch of print jobs from VMs")
public @interface RouterConfig {

    @AttributeDefinition(description = "Spool directory; empty: <deskplane.data>/print/spool")
    String spoolDirectory() default "";

    @AttributeDefinition(description = "Threads that hand jobs to drivers and follow them (one lane per printer)")
    int workers() default 4;

    @AttributeDefinition(description = "Longest wait between tries while a driver is away or unavailable, in seconds")
    int maxRetrySeconds() default 30;

    @AttributeDefinition(description = "How long a driver's printer list is reused, in milliseconds")
    long printerCacheMillis() default 2000;

    @AttributeDefinition(description = "Free bytes kept on the spool's disk; a job that would use them is refused")
    long reserveBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(description = "Largest document accepted, in bytes")
    long maxJobBytes() default 1024L * 1024 * 1024;

    @AttributeDefinition(description = "Keep documents of ended jobs (else deleted once the job ends)")
    boolean keepDocuments() default false;

    @AttributeDefinition(description = "Days the records of ended jobs are kept for the job list")
    int retentionDays() default 30;

    @AttributeDefinition(description = "Locations of hypervisor hosts: <connection id>=<location> (location rule)")
    String[] hostLocations() default {};
}
