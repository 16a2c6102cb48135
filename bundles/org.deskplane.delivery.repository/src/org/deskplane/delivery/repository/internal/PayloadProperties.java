package org.deskplane.delivery.repository.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/** The repository's own facts about a stored payload ({@code payload.properties}): label, import time, image. */
record PayloadProperties(String volumeLabel, Instant created, String imageSha256, long imageSize) {

    static final String FILE_NAME = "payload.properties";

    PayloadProperties withImage(String sha256, long size) {
        return new PayloadProperties(volumeLabel, created, sha256, size);
    }

    void store(Path folder) throws IOException {
        Properties p = new Properties();
        p.setProperty("label", volumeLabel);
        p.setProperty("created", created.toString());
        p.setProperty("image.sha256", imageSha256);
        p.setProperty("image.size", Long.toString(imageSize));
        StringWriter text = new StringWriter();
        p.store(text, "Deskplane payload");
        AtomicFiles.write(folder.resolve(FILE_NAME), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static PayloadProperties load(Path folder) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(folder.resolve(FILE_NAME))) {
            byte[] bytes = in.readNBytes(64 << 10);
            p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        }
        try {
            return new PayloadProperties(require(p, "label"), Instant.parse(require(p, "created")),
                    p.getProperty("image.sha256", ""), Long.parseLong(p.getProperty("image.size", "0")));
        } catch (RuntimeException e) {
            throw new IOException(folder.resolve(FILE_NAME) + " is damaged: " + e.getMessage(), e);
        }
    }

    private static String require(Properties p, String key) throws IOException {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IOException(FILE_NAME + " has no " + key);
        }
        return value;
    }
}
