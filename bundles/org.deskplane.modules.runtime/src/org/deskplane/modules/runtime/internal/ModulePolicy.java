package org.deskplane.modules.runtime.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * What one module may do outside the region filter: the roots it may write (its data area and its OSGi storage)
 * and read (those plus the granted read roots), and whether it may start processes.
 */
record ModulePolicy(String symbolicName, List<Path> writeRoots, List<Path> readRoots, boolean execAllowed) {

    ModulePolicy {
        writeRoots = List.copyOf(writeRoots);
        readRoots = List.copyOf(readRoots);
    }
}
