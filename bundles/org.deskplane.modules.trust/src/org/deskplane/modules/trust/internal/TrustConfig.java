package org.deskplane.modules.trust.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane module trust",
        description = "Deskplane's module trust store and the limits of the jar signature check")
public @interface TrustConfig {

    @AttributeDefinition(description = "Paths of PEM certificate files trusted from the start: each is added, under "
            + "its file name without extension as alias, when the trust store has no entry of that alias")
    String[] initialTrustedCertificates() default {};

    @AttributeDefinition(description = "Largest module jar checked, in bytes (bigger ones are refused as TOO_LARGE)")
    long maxJarBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(description = "Most entries a module jar may have")
    int maxEntries() default 20_000;

    @AttributeDefinition(description = "Most bytes all entries of a module jar may hold once uncompressed "
            + "(stops a zip bomb from keeping the check busy)")
    long maxUncompressedBytes() default 512L * 1024 * 1024;
}
