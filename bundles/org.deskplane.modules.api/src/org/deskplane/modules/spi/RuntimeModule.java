package org.deskplane.modules.spi;

import java.util.List;

/**
 * A module bundle as the runtime holds it.
 *
 * @param bundleId     framework bundle id
 * @param symbolicName bundle symbolic name
 * @param version      bundle version
 * @param state        "INSTALLED", "RESOLVED", "ACTIVE", …
 * @param problems     what the runtime saw it do wrong (threw, hung, leaked threads, was refused an access)
 */
public record RuntimeModule(long bundleId, String symbolicName, String version, String state, List<String> problems) {

    public RuntimeModule {
        problems = List.copyOf(problems);
    }
}
