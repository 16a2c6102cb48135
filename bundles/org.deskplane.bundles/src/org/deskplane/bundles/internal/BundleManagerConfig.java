package org.deskplane.bundles.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane bundle manager", description = "Limits of runtime bundle management")
public @interface BundleManagerConfig {

    @AttributeDefinition(description = "How long to wait for a package refresh after update/uninstall")
    int refreshTimeoutSeconds() default 60;

    @AttributeDefinition(description = "Largest jar accepted for install or update, in bytes")
    long maxJarBytes() default 256L * 1024 * 1024;
}
