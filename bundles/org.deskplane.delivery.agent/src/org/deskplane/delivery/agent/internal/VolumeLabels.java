package org.deskplane.delivery.agent.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the volume labels of an ISO 9660 image or disc: the primary volume descriptor's volume id and, when there is
 * one, the Joliet supplementary descriptor's (UCS-2). Only the descriptor set at sector 16 is read, at most
 * {@link #MAX_DESCRIPTORS} sectors of 2048 bytes, so a device that is not ISO 9660 costs one small read.
 */
final class VolumeLabels {
    private static final int SECTOR = 2048;
    private static final int FIRST = 16;
    private static final int MAX_DESCRIPTORS = 32;
    private static final byte[] MAGIC = "CD001".getBytes(StandardCharsets.US_ASCII);

    private VolumeLabels() {
    }

    /** The labels found (primary first), trimmed; empty when the device is not ISO 9660 or cannot be read. */
    static List<String> of(Path device) {
        List<String> labels = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(device, StandardOpenOption.READ)) {
            ByteBuffer sector = ByteBuffer.allocate(SECTOR);
            for (int i = 0; i < MAX_DESCRIPTORS; i++) {
                sector.clear();
                long at = (long) (FIRST + i) * SECTOR;
                while (sector.hasRemaining()) {
                    if (ch.read(sector, at + sector.position()) < 0) {
                        return labels;
                    }
                }
                byte[] d = sector.array();
                if (!hasMagic(d)) {
                    return labels;
                }
                int type = d[0] & 0xff;
                if (type == 255) {
                    return labels;
                }
                if (type == 1) {
                    labels.add(0, new String(d, 40, 32, StandardCharsets.US_ASCII).trim());
                } else if (type == 2 && isJoliet(d)) {
                    labels.add(new String(d, 40, 32, StandardCharsets.UTF_16BE).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // no medium, no permission, not a block device: not the disc we look for
        }
        return labels;
    }

    private static boolean hasMagic(byte[] d) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (d[1 + i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Joliet's escape sequences {@code %/@}, {@code %/C} or {@code %/E} (UCS-2 levels 1–3) at offset 88. */
    private static boolean isJoliet(byte[] d) {
        return d[88] == '%' && d[89] == '/' && (d[90] == '@' || d[90] == 'C' || d[90] == 'E');
    }
}
