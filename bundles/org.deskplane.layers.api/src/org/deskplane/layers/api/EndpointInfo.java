package org.deskplane.layers.api;

import java.util.Map;

/**
 * What an endpoint says about itself when it registers: binding rules choose its scope and driver set from this.
 *
 * @param id stable endpoint id (same syntax as a CVD id)
 * @param cvdId the CVD it wants to be bound to (an endpoint belongs to at most one CVD)
 * @param osFamily "linux", "windows", "macos"…
 * @param osRelease e.g. "debian-13"
 * @param hardware DMI and PCI facts, e.g. {@code dmi.sys_vendor=QEMU}, {@code dmi.product_name=Standard PC},
 *        {@code pci.0000:00:02.0=1234:1111} (vendor:device)
 * @param freeBytes free space for the image on the endpoint (cache mode below the CVD's size)
 */
public record EndpointInfo(String id, String cvdId, String osFamily, String osRelease, Map<String, String> hardware,
        long freeBytes) {

    public EndpointInfo {
        hardware = Map.copyOf(hardware);
    }
}
