package org.deskplane.hypervisor.demo.internal;

import java.nio.file.Path;

/** Where the demo keeps its files: {@code ${deskplane.data}/demo/} (node files, marker), {@code images/}. */
record DemoDirectory(Path root) {

    static final String DATA_PROPERTY = "deskplane.data";

    /** Like every Deskplane bundle: the {@code deskplane.data} property, else {@code ./data} under user.dir. */
    static DemoDirectory of(String configuredDataDir) {
        String value = configuredDataDir == null || configuredDataDir.isBlank() ? "data" : configuredDataDir.trim();
        Path data = Path.of(System.getProperty("user.dir")).resolve(value).toAbsolutePath().normalize();
        return new DemoDirectory(data.resolve("demo"));
    }

    Path images() {
        return root.resolve("images");
    }

    /** Where the demo VMs' agent channel sockets would be; the test driver never creates them. */
    Path channels() {
        return root.resolve("channels");
    }

    Path nodeFile(String id) {
        return root.resolve(id + ".xml");
    }

    /** Present once the demo connections were created (or the first start found connections already there). */
    Path marker() {
        return root.resolve(".created");
    }
}
