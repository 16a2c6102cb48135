package org.deskplane.modules.internal;

import java.net.URI;
import java.nio.file.Path;

/**
 * Fetches a module jar from the administrator's update site into a file, unverified (the host verifies it like an
 * upload). A separate service so that the host works without p2 installed.
 */
public interface ModuleFetcher {

    /** @throws org.deskplane.modules.api.ModuleException NOT_FOUND, INVALID, TOO_LARGE or FAILED */
    void fetch(URI updateSite, String symbolicName, String version, Path target, long maxBytes);
}
