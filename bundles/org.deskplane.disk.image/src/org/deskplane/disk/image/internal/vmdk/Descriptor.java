package org.deskplane.disk.image.internal.vmdk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deskplane.disk.api.DiskFormatException;

/** A VMDK text descriptor: its key = "value" settings and its extent lines, in order. */
record Descriptor(Map<String, String> settings, List<Line> extents) {

    static final String SIGNATURE = "# Disk DescriptorFile";
    static final int MAX_BYTES = 1 << 20;
    private static final int MAX_EXTENTS = 4096;
    private static final Pattern EXTENT = Pattern.compile(
            "(RW|RDONLY|NOACCESS)\\s+(\\d{1,18})\\s+([A-Z]+)(?:\\s+\"([^\"]*)\"(?:\\s+(\\d{1,18}))?)?\\s*");
    private static final Pattern SETTING = Pattern.compile("([A-Za-z0-9_.]+)\\s*=\\s*\"?([^\"]*)\"?\\s*");

    /** One extent line: access, size in sectors, type (FLAT, SPARSE, ZERO, VMFS…), file, sector offset. */
    record Line(String access, long sectors, String type, String file, long offset) {
    }

    static boolean probe(byte[] header) {
        byte[] signature = SIGNATURE.getBytes(StandardCharsets.US_ASCII);
        if (header.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (header[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }

    static Descriptor parse(byte[] bytes, int length, String where) throws DiskFormatException {
        // an embedded descriptor is padded with NULs
        int end = 0;
        while (end < length && bytes[end] != 0) {
            end++;
        }
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        Map<String, String> settings = new LinkedHashMap<>();
        List<Line> extents = new ArrayList<>();
        int number = 0;
        for (String raw : text.split("\n")) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher extent = EXTENT.matcher(line);
            if (extent.matches()) {
                if (extents.size() >= MAX_EXTENTS) {
                    throw new DiskFormatException(where + ": more than " + MAX_EXTENTS + " extents");
                }
                long offset = extent.group(5) == null ? 0 : Long.parseLong(extent.group(5));
                extents.add(new Line(extent.group(1), Long.parseLong(extent.group(2)), extent.group(3),
                        extent.group(4), offset));
                continue;
            }
            Matcher setting = SETTING.matcher(line);
            if (setting.matches()) {
                settings.put(setting.group(1), setting.group(2));
            } else if (line.startsWith("RW") || line.startsWith("RDONLY") || line.startsWith("NOACCESS")) {
                throw new DiskFormatException(where + ": descriptor line " + number + " is not a valid extent: "
                        + abbreviate(line));
            }
        }
        return new Descriptor(settings, extents);
    }

    /** Whether the disk names a parent it is a delta of (parentCID other than ffffffff). */
    boolean hasParent() {
        String parent = settings.get("parentCID");
        return parent != null && !parent.equalsIgnoreCase("ffffffff");
    }

    private static String abbreviate(String line) {
        return line.length() > 100 ? line.substring(0, 100) + "…" : line;
    }
}
