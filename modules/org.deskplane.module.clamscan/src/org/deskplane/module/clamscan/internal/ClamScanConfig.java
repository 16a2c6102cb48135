package org.deskplane.module.clamscan.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane ClamAV VM start scan",
        description = "Scans a VM's disk images with clamscan before it starts and vetoes the start on a detection")
public @interface ClamScanConfig {

    String PID = "org.deskplane.module.clamscan";

    @AttributeDefinition(description = "The clamscan executable (a name looked up on PATH, or an absolute path)")
    String clamscanPath() default "clamscan";

    @AttributeDefinition(description = "Signature database (file or directory) given to clamscan -d; empty = the "
            + "test database shipped in this module. Never the network: clamscan reads only this.")
    String databasePath() default "";

    @AttributeDefinition(description = "How long one scan may take before it is stopped and counts as failed")
    int timeoutSeconds() default 300;

    @AttributeDefinition(description = "When clamscan is missing, fails or times out: true = let the VM start "
            + "(fail open), false = refuse the start (fail closed)")
    boolean failOpen() default false;

    @AttributeDefinition(description = "Largest file clamscan scans, in MiB (clamscan cannot go above 2047); "
            + "larger files are skipped unless alertExceedsMax is set")
    int maxFileSizeMegabytes() default 2047;

    @AttributeDefinition(description = "Report files above the size limit as a detection (Heuristics.Limits.Exceeded)"
            + " instead of skipping them")
    boolean alertExceedsMax() default false;

    @AttributeDefinition(description = "Host folders scanned (recursively) too for a VM: entries '<vm uuid or "
            + "name>=<absolute folder>', or '*=<folder>' for every VM")
    String[] vmFolders() default {};
}
