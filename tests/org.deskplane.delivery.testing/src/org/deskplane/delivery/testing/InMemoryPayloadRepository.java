package org.deskplane.delivery.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.api.ManifestException;
import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PayloadFile;
import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.api.PayloadRef;
import org.deskplane.delivery.api.PayloadRepository;

/**
 * A payload repository in memory (files as byte arrays). Imports read the zip completely (bounded), check listed
 * digests and complete the manifest like the real one; the "image" is a file holding the payload's files one after
 * another — not an ISO, but bytes a download can be checked against.
 */
public final class InMemoryPayloadRepository implements PayloadRepository {

    private final Map<PayloadRef, Payload> payloads = new ConcurrentHashMap<>();
    private final Map<PayloadRef, Map<String, byte[]>> contents = new ConcurrentHashMap<>();
    private final Map<PayloadRef, Path> images = new ConcurrentHashMap<>();
    private final Set<PayloadRef> inUse = ConcurrentHashMap.newKeySet();
    private final Path workDir;

    /** @param workDir where built images are written */
    public InMemoryPayloadRepository(Path workDir) {
        this.workDir = workDir;
    }

    /** Marks a payload as used by a deployment: deleting it is then a CONFLICT. */
    public void markInUse(PayloadRef ref, boolean used) {
        if (used) {
            inUse.add(ref);
        } else {
            inUse.remove(ref);
        }
    }

    /** Adds a payload made of these files (path → content) and steps given as manifest lines. */
    public Payload add(String id, String version, String description, Map<String, byte[]> files, String... stepLines)
            throws DeliveryException {
        StringBuilder manifest = new StringBuilder("id = " + id + "\nversion = " + version + "\ndescription = "
                + description + "\n");
        for (String line : stepLines) {
            manifest.append(line).append('\n');
        }
        Map<String, byte[]> all = new LinkedHashMap<>(files);
        all.put(PayloadManifest.FILE_NAME, manifest.toString().getBytes(StandardCharsets.UTF_8));
        return store(all);
    }

    @Override
    public List<Payload> list() {
        return List.copyOf(payloads.values());
    }

    @Override
    public Optional<Payload> find(PayloadRef ref) {
        return Optional.ofNullable(payloads.get(ref));
    }

    @Override
    public Payload importDirectory(Path folder) throws DeliveryException {
        throw new DeliveryException(Reason.NOT_SUPPORTED, "the in-memory repository imports zip archives only");
    }

    @Override
    public Payload importArchive(InputStream zip, long maxBytes) throws DeliveryException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(zip)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes - total + 1));
                total += bytes.length;
                if (total > maxBytes) {
                    throw new DeliveryException(Reason.INVALID, "archive larger than " + maxBytes + " bytes");
                }
                files.put(entry.getName(), bytes);
            }
        } catch (IOException e) {
            throw new DeliveryException(Reason.INVALID, "not a zip archive: " + e.getMessage(), e);
        }
        return store(files);
    }

    private Payload store(Map<String, byte[]> files) throws DeliveryException {
        byte[] manifestBytes = files.remove(PayloadManifest.FILE_NAME);
        if (manifestBytes == null) {
            throw new DeliveryException(Reason.INVALID, "the archive has no " + PayloadManifest.FILE_NAME + " in its root");
        }
        PayloadManifest declared;
        try {
            declared = PayloadManifest.parse(manifestBytes);
        } catch (ManifestException e) {
            throw new DeliveryException(Reason.INVALID, "manifest: " + e.getMessage(), e);
        }
        List<PayloadFile> found = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            PayloadFile file = new PayloadFile(f.getKey(), f.getValue().length, sha256(f.getValue()));
            PayloadFile listed = declared.file(f.getKey());
            if (listed != null && !listed.sha256().equals(file.sha256())) {
                throw new DeliveryException(Reason.INVALID, f.getKey() + " does not match its SHA-256 in the manifest");
            }
            found.add(file);
        }
        PayloadManifest manifest;
        try {
            manifest = declared.withFiles(found);
        } catch (IllegalArgumentException e) {
            throw new DeliveryException(Reason.INVALID, "manifest: " + e.getMessage(), e);
        }
        PayloadRef ref = new PayloadRef(manifest.id(), manifest.version());
        Payload payload = new Payload(manifest, label(ref), 0, "", Instant.now());
        if (payloads.putIfAbsent(ref, payload) != null) {
            throw new DeliveryException(Reason.CONFLICT, "payload " + ref + " is already in the repository");
        }
        contents.put(ref, Map.copyOf(files));
        return payload;
    }

    @Override
    public synchronized Path image(PayloadRef ref, LongConsumer progress) throws DeliveryException {
        Payload payload = require(ref);
        Path image = images.get(ref);
        if (image != null) {
            return image;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        contents.get(ref).values().forEach(bytes::writeBytes);
        bytes.writeBytes(payload.manifest().toBytes());
        try {
            Files.createDirectories(workDir);
            image = workDir.resolve(ref.id() + "-" + ref.version() + ".iso");
            Files.write(image, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.accept(bytes.size());
        images.put(ref, image);
        payloads.put(ref, new Payload(payload.manifest(), payload.volumeLabel(), bytes.size(),
                sha256(bytes.toByteArray()), payload.created()));
        return image;
    }

    @Override
    public Path contentDirectory(PayloadRef ref) throws DeliveryException {
        require(ref);
        throw new DeliveryException(Reason.NOT_SUPPORTED, "the in-memory repository has no content folders");
    }

    @Override
    public void delete(PayloadRef ref) throws DeliveryException {
        require(ref);
        if (inUse.contains(ref)) {
            throw new DeliveryException(Reason.CONFLICT, "payload " + ref + " is used by a deployment");
        }
        payloads.remove(ref);
        contents.remove(ref);
        Path image = images.remove(ref);
        if (image != null) {
            try {
                Files.deleteIfExists(image);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Payload require(PayloadRef ref) throws DeliveryException {
        Payload payload = payloads.get(ref);
        if (payload == null) {
            throw new DeliveryException(Reason.NOT_FOUND, "no payload " + ref);
        }
        return payload;
    }

    private static String label(PayloadRef ref) {
        String label = ("DP_" + ref.id() + "_" + ref.version()).toUpperCase().replaceAll("[^A-Z0-9_]", "_");
        return label.length() > 32 ? label.substring(0, 32) : label;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
