package org.deskplane.hypervisor.ui.internal;

import org.deskplane.hypervisor.api.ChannelInfo;
import org.deskplane.hypervisor.api.DiskInfo;

/** What the Details column says about a device. */
final class DeviceTexts {

    private DeviceTexts() {
    }

    /** {@code qcow2 /images/desk.qcow2 ← qcow2 /images/base.qcow2}: the image and its backing chain. */
    static String disk(DiskInfo disk) {
        StringBuilder text = new StringBuilder();
        text.append(orUnknown(disk.format())).append(' ').append(disk.path() == null ? "(no image)" : disk.path());
        for (DiskInfo.BackingImage backing : disk.backingChain()) {
            text.append("  \u2190 ").append(orUnknown(backing.format())).append(' ').append(backing.path());
        }
        if (disk.bus() != null) {
            text.append("  [").append(disk.bus()).append(']');
        }
        if (disk.readOnly()) {
            text.append(" read-only");
        }
        return text.toString();
    }

    static String media(DiskInfo cdrom) {
        return cdrom.path() == null ? "media: (empty)" : "media: " + cdrom.path();
    }

    static String channel(ChannelInfo channel) {
        return "channel " + orUnknown(channel.type()) + (channel.path() == null ? "" : " " + channel.path());
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "?" : value;
    }
}
