package org.deskplane.layers.store.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.Layer;

/**
 * A version as kept in its small file {@code cvds/<id>/versions/<n>.version}: the API record plus the byte total of
 * each layer (so that store statistics need no manifest reads).
 */
record StoredVersion(CvdVersion version, Map<Layer, Long> layerBytes) {

    StoredVersion {
        layerBytes = Map.copyOf(layerBytes);
    }

    long logicalBytes() {
        return layerBytes.values().stream().mapToLong(Long::longValue).sum();
    }

    byte[] serialize() throws IOException {
        Properties p = new Properties();
        p.setProperty("cvd", version.cvdId());
        p.setProperty("number", Long.toString(version.number()));
        p.setProperty("parent", Long.toString(version.parent()));
        p.setProperty("created", version.created().toString());
        p.setProperty("endpoint", version.endpointId());
        p.setProperty("kind", version.kind().name());
        p.setProperty("token", Long.toString(version.fencingToken()));
        p.setProperty("note", version.note());
        version.layers().forEach((layer, digest) -> {
            p.setProperty("layer." + layer.name(), digest);
            p.setProperty("bytes." + layer.name(), Long.toString(layerBytes.getOrDefault(layer, 0L)));
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.store(out, "CVD version");
        return out.toByteArray();
    }

    static StoredVersion parse(byte[] content) throws IOException {
        if (content.length > 1 << 20) {
            throw new IOException("version file of " + content.length + " bytes");
        }
        Properties p = new Properties();
        p.load(new java.io.InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.ISO_8859_1));
        try {
            Map<Layer, String> layers = new EnumMap<>(Layer.class);
            Map<Layer, Long> bytes = new EnumMap<>(Layer.class);
            for (Layer layer : Layer.values()) {
                String digest = p.getProperty("layer." + layer.name());
                if (digest != null) {
                    if (!Hashes.validId(digest)) {
                        throw new IOException("bad manifest digest for " + layer);
                    }
                    layers.put(layer, digest);
                    bytes.put(layer, Long.parseLong(p.getProperty("bytes." + layer.name(), "0")));
                }
            }
            CvdVersion version = new CvdVersion(required(p, "cvd"), Long.parseLong(required(p, "number")),
                    Long.parseLong(required(p, "parent")), Instant.parse(required(p, "created")), required(p, "endpoint"),
                    CvdVersion.Kind.valueOf(required(p, "kind")), layers, Long.parseLong(required(p, "token")),
                    p.getProperty("note", ""));
            return new StoredVersion(version, bytes);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IOException("damaged version file: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException("damaged version file: " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String key) throws IOException {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IOException("version file lacks " + key);
        }
        return value;
    }
}
