package org.deskplane.modules.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane module runtime",
        description = "What extension modules may reach of the server, and how long they get")
public @interface RuntimeConfig {

    String PID = "org.deskplane.modules.runtime";

    @AttributeDefinition(description = "Packages modules may import from the server: name (a trailing .* takes "
            + "sub-packages) and optionally ;version=\"[1.0,2.0)\". Everything else does not resolve.")
    String[] grantedPackages() default {
        "org.osgi.framework;version=\"[1.8,2.0)\"",
        "org.osgi.service.event;version=\"[1.3,2.0)\"",
        "org.osgi.service.log;version=\"[1.3,2.0)\"",
        "org.osgi.service.component;version=\"[1.3,2.0)\"",
        "org.osgi.service.cm;version=\"[1.5,2.0)\"",
        "org.osgi.util.tracker;version=\"[1.5,2.0)\"",
        "org.deskplane.modules.api",
        "org.deskplane.channel.api",
        "org.deskplane.security.api",
        "org.deskplane.hypervisor.api",
        "org.deskplane.print.api",
        "org.deskplane.ipp",
        "org.deskplane.rest.api",
        "org.deskplane.workbench.contrib.api",
        "com.fasterxml.jackson.*",
        "org.slf4j",
        "org.eclipse.swt.*",
        "org.eclipse.jface.*",
        "org.eclipse.e4.ui.di",
        "org.eclipse.e4.ui.services",
        "org.eclipse.e4.ui.model.application.*",
        "org.eclipse.e4.core.di.annotations",
        "org.eclipse.e4.core.services.*",
        "jakarta.inject",
        "jakarta.annotation",
        "javax.*",
        "org.w3c.dom.*",
        "org.xml.sax.*"};

    @AttributeDefinition(description = "Service interfaces (objectClass) modules may see from the server. "
            + "ConfigurationAdmin is deliberately absent: modules change settings through the host's whitelist.")
    String[] grantedServices() default {
        "org.osgi.service.event.EventAdmin",
        "org.osgi.service.log.LoggerFactory",
        "org.osgi.service.log.LogService",
        "org.deskplane.channel.api.HostChannel",
        "org.deskplane.hypervisor.api.HypervisorConnection",
        "org.deskplane.security.api.AuditLog"};

    @AttributeDefinition(description = "Extra roots a module may read, as <symbolicName>=<dir>[,<dir>…]. Every "
            + "module may read and write its data area ${deskplane.data}/modules/data/<symbolicName>/.")
    String[] grantedReadRoots() default {};

    @AttributeDefinition(description = "Symbolic names of modules allowed to start processes (Runtime.exec, "
            + "ProcessBuilder.start)")
    String[] execAllowed() default {"org.deskplane.module.clamscan"};

    @AttributeDefinition(description = "Seconds a stop or a package refresh may take before the runtime gives up "
            + "waiting")
    int lifecycleTimeoutSeconds() default 30;
}
