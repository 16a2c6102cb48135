package org.deskplane.hypervisor.demo.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;

/**
 * The demo hosts: one libvirt test-driver node file each, made from the template shipped in this bundle
 * ({@code templates/<id>.xml}) with the absolute paths of this server's demo directory filled in.
 */
final class DemoHosts {

    /** Connection ids; each names a template and becomes the host's name in the inventory. */
    static final List<String> IDS = List.of("demo-1", "demo-2", "demo-3");
    private static final int MAX_TEMPLATE = 256 * 1024;

    private DemoHosts() {
    }

    /** Writes {@code <demoDir>/<id>.xml} for every demo host (replacing older ones) and returns their paths. */
    static List<Path> writeNodeFiles(Bundle bundle, DemoDirectory demo) throws IOException {
        List<Path> written = new ArrayList<>();
        for (String id : IDS) {
            String xml = template(bundle, id)
                    .replace("@IMAGES@", xmlEscape(demo.images().toString()))
                    .replace("@CHANNELS@", xmlEscape(demo.channels().toString()));
            Path file = demo.nodeFile(id);
            AtomicFiles.write(file, xml.getBytes(StandardCharsets.UTF_8));
            written.add(file);
        }
        return written;
    }

    /** The libvirt URI of a node file: {@code test:///abs/path.xml}, percent-encoded where the path needs it. */
    static String uri(Path nodeFile) {
        try {
            return new URI("test", "", nodeFile.toAbsolutePath().toString(), null, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("demo node file path is not usable in a URI: " + nodeFile, e);
        }
    }

    private static String template(Bundle bundle, String id) throws IOException {
        URL entry = bundle.getEntry("templates/" + id + ".xml");
        if (entry == null) {
            throw new IOException("demo template templates/" + id + ".xml missing from " + bundle.getSymbolicName());
        }
        try (InputStream in = entry.openStream()) {
            byte[] bytes = in.readNBytes(MAX_TEMPLATE + 1);
            if (bytes.length > MAX_TEMPLATE) {
                throw new IOException("demo template " + id + " larger than " + MAX_TEMPLATE + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Paths go into single-quoted attributes and text nodes. */
    static String xmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;")
                .replace("\"", "&quot;");
    }

    static boolean nodeFilesExist(DemoDirectory demo) {
        return IDS.stream().allMatch(id -> Files.isRegularFile(demo.nodeFile(id)));
    }
}
