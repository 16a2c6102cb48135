package org.deskplane.vmdiff.store.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.deskplane.vmdiff.api.Generation;

/** A generation as a small text file, and the content hash that covers all its fields. */
public final class GenerationRecord {

    private GenerationRecord() {
    }

    /** A generation with its content hash computed from the other fields. */
    public static Generation sealed(Generation draft) {
        Generation unsealed = withHash(draft, "");
        return withHash(draft, Hashes.hex(Hashes.of(canonical(unsealed).getBytes(StandardCharsets.UTF_8))));
    }

    public static byte[] encode(Generation generation) {
        StringBuilder text = new StringBuilder();
        fields(generation).forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a record and checks that its content hash matches its fields. */
    public static Generation decode(byte[] bytes) throws IOException {
        if (bytes.length > 64 * 1024) {
            throw new IOException("a generation record of " + bytes.length + " bytes");
        }
        Properties p = new Properties();
        p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        try {
            Generation read = new Generation(get(p, "vm"), Long.parseLong(get(p, "number")), get(p, "parentHash"),
                    get(p, "baseSha256"), get(p, "baseFormat"), Long.parseLong(get(p, "virtualSize")),
                    Integer.parseInt(get(p, "clusterSize")), Long.parseLong(get(p, "clusters")), get(p, "clustersHash"),
                    Long.parseLong(get(p, "memorySize")), get(p, "memoryHash"), get(p, "domainUuid"), get(p, "domainHash"),
                    get(p, "publishedBy"), Instant.parse(get(p, "published")), get(p, "contentHash"));
            if (!sealed(read).contentHash().equals(read.contentHash())) {
                throw new IOException("the generation record of " + read.vm() + " #" + read.number()
                        + " does not match its content hash");
            }
            return read;
        } catch (RuntimeException e) {
            throw new IOException("a malformed generation record: " + e.getMessage(), e);
        }
    }

    private static String get(Properties p, String key) throws IOException {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IOException("a generation record without " + key);
        }
        return value;
    }

    private static String canonical(Generation g) {
        StringBuilder text = new StringBuilder();
        fields(g).forEach((key, value) -> {
            if (!key.equals("contentHash")) {
                text.append(key).append('=').append(value).append('\n');
            }
        });
        return text.toString();
    }

    private static Map<String, String> fields(Generation g) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("vm", g.vm());
        fields.put("number", Long.toString(g.number()));
        fields.put("parentHash", g.parentHash());
        fields.put("baseSha256", g.baseSha256());
        fields.put("baseFormat", g.baseFormat());
        fields.put("virtualSize", Long.toString(g.virtualSize()));
        fields.put("clusterSize", Integer.toString(g.clusterSize()));
        fields.put("clusters", Long.toString(g.clusters()));
        fields.put("clustersHash", g.clustersHash());
        fields.put("memorySize", Long.toString(g.memorySize()));
        fields.put("memoryHash", g.memoryHash());
        fields.put("domainUuid", g.domainUuid());
        fields.put("domainHash", g.domainHash());
        fields.put("publishedBy", g.publishedBy());
        fields.put("published", g.published().toString());
        fields.put("contentHash", g.contentHash());
        return fields;
    }

    private static Generation withHash(Generation g, String hash) {
        return new Generation(g.vm(), g.number(), g.parentHash(), g.baseSha256(), g.baseFormat(), g.virtualSize(),
                g.clusterSize(), g.clusters(), g.clustersHash(), g.memorySize(), g.memoryHash(), g.domainUuid(), g.domainHash(),
                g.publishedBy(), g.published(), hash);
    }
}
