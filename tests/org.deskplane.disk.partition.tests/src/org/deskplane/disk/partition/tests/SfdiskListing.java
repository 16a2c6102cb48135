package org.deskplane.disk.partition.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code sfdisk --json} says is on an image: the independent answer our readers are compared with. */
final class SfdiskListing {

    /** One partition as sfdisk reports it; {@code number} comes from the node name's suffix. */
    record Entry(int number, long startSector, long sectors, String type, String name) {
    }

    private static final Pattern OBJECT = Pattern.compile("\\{([^{}]*\"node\"[^{}]*)\\}");

    private SfdiskListing() {
    }

    static List<Entry> of(Path image) throws IOException, InterruptedException {
        String json = Tools.run(image.getParent(), null, "sfdisk", "--json", image.toString());
        List<Entry> entries = new ArrayList<>();
        Matcher m = OBJECT.matcher(json);
        while (m.find()) {
            String body = m.group(1);
            String node = field(body, "node");
            int number = Integer.parseInt(node.replaceAll("^.*?(\\d+)$", "$1"));
            entries.add(new Entry(number, Long.parseLong(field(body, "start")), Long.parseLong(field(body, "size")),
                    field(body, "type"), field(body, "name")));
        }
        if (entries.isEmpty()) {
            throw new IOException("sfdisk --json listed no partitions:\n" + json);
        }
        return entries;
    }

    private static String field(String body, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|(\\d+))").matcher(body);
        if (!m.find()) {
            return "";
        }
        return m.group(2) != null ? m.group(2) : m.group(3);
    }
}
