package org.deskplane.bundles.internal;

import java.nio.file.Path;

/** A jar on local disk whose manifest says it is a bundle with this name and version. */
record BundleJar(Path path, String symbolicName, String version, boolean fragment) {

    /** The file name under which an installed copy is kept: {@code <name>_<version>.jar}. */
    String fileName() {
        return symbolicName + "_" + version + ".jar";
    }
}
