package org.deskplane.hypervisor.libvirt.internal;

import org.deskplane.hypervisor.api.DiskSpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Builds the device XML snippets libvirt takes for media changes and disk hot-plug (DOM-built: no escaping bugs). */
final class DeviceXml {

    private DeviceXml() {
    }

    /** A CD-ROM drive {@code target} on {@code bus} holding {@code mediaPath}, or empty when it is null. */
    static String cdrom(String target, String bus, String mediaPath) {
        Document document = SafeXml.newDocument();
        Element disk = document.createElement("disk");
        disk.setAttribute("type", "file");
        disk.setAttribute("device", "cdrom");
        document.appendChild(disk);
        Element driver = append(disk, "driver");
        driver.setAttribute("name", "qemu");
        driver.setAttribute("type", "raw");
        if (mediaPath != null) {
            append(disk, "source").setAttribute("file", mediaPath);
        }
        Element targetElement = append(disk, "target");
        targetElement.setAttribute("dev", target);
        if (bus != null) {
            targetElement.setAttribute("bus", bus);
        }
        append(disk, "readonly");
        return SafeXml.serialize(document);
    }

    static String disk(DiskSpec spec) {
        Document document = SafeXml.newDocument();
        Element disk = document.createElement("disk");
        disk.setAttribute("type", "file");
        disk.setAttribute("device", "disk");
        document.appendChild(disk);
        Element driver = append(disk, "driver");
        driver.setAttribute("name", "qemu");
        driver.setAttribute("type", spec.format());
        append(disk, "source").setAttribute("file", spec.path());
        Element target = append(disk, "target");
        target.setAttribute("dev", spec.target());
        target.setAttribute("bus", spec.bus());
        if (spec.readOnly()) {
            append(disk, "readonly");
        }
        return SafeXml.serialize(document);
    }

    static String snapshot(String name, String description) {
        Document document = SafeXml.newDocument();
        Element snapshot = document.createElement("domainsnapshot");
        document.appendChild(snapshot);
        append(snapshot, "name").setTextContent(name);
        if (description != null) {
            append(snapshot, "description").setTextContent(description);
        }
        return SafeXml.serialize(document);
    }

    private static Element append(Element parent, String name) {
        Element child = parent.getOwnerDocument().createElement(name);
        parent.appendChild(child);
        return child;
    }
}
