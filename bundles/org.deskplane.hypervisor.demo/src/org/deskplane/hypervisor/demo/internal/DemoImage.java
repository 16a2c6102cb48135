package org.deskplane.hypervisor.demo.internal;

import java.util.List;

/**
 * One demo disk image, by file name in the demo image directory. Overlays name their backing image (in the same
 * directory) and its format. The node templates under {@code templates/} refer to exactly these files.
 */
record DemoImage(String file, Format format, long virtualSize, String backingFile, String backingFormat) {

    enum Format { QCOW2, RAW, ISO }

    private static final long GIB = 1L << 30;
    static final String TOOLS_ISO = "iso/deskplane-tools.iso";

    static DemoImage qcow2(String file, long gib) {
        return new DemoImage(file, Format.QCOW2, gib * GIB, null, null);
    }

    static DemoImage overlay(String file, long gib, String backing) {
        return new DemoImage(file, Format.QCOW2, gib * GIB, backing, "qcow2");
    }

    static DemoImage raw(String file, long gib) {
        return new DemoImage(file, Format.RAW, gib * GIB, null, null);
    }

    /** Base images, one golden layer above the Windows base, one overlay per desktop, raw data disks, the ISO. */
    static final List<DemoImage> ALL = List.of(
            qcow2("base-win11.qcow2", 64),
            overlay("win11-office.qcow2", 64, "base-win11.qcow2"),
            qcow2("base-debian12.qcow2", 20),
            overlay("win11-desk-01.qcow2", 64, "win11-office.qcow2"),
            overlay("win11-desk-02.qcow2", 64, "win11-office.qcow2"),
            overlay("win11-desk-03.qcow2", 64, "win11-office.qcow2"),
            overlay("win11-cad-01.qcow2", 64, "win11-office.qcow2"),
            overlay("win11-test-01.qcow2", 64, "win11-office.qcow2"),
            overlay("debian-dev-01.qcow2", 20, "base-debian12.qcow2"),
            overlay("debian-dev-02.qcow2", 20, "base-debian12.qcow2"),
            overlay("debian-dev-03.qcow2", 20, "base-debian12.qcow2"),
            overlay("build-01.qcow2", 20, "base-debian12.qcow2"),
            overlay("kiosk-01.qcow2", 20, "base-debian12.qcow2"),
            overlay("kiosk-02.qcow2", 20, "base-debian12.qcow2"),
            raw("win11-desk-01-data.img", 16),
            raw("win11-desk-02-data.img", 16),
            raw("win11-cad-01-data.img", 128),
            raw("build-01-data.img", 64),
            new DemoImage(TOOLS_ISO, Format.ISO, 0, null, null));
}
