package org.deskplane.delivery.repository.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.api.PayloadFile;
import org.deskplane.delivery.api.PayloadManifest;

/**
 * Copies a payload folder into staging: regular files and folders only (a symbolic link or a device could make the
 * payload read something outside it, or block), every file hashed as it is copied, within the import limits.
 */
final class DirectoryCopier {

    private DirectoryCopier() {
    }

    static StagedFiles copy(Path folder, Path stagingFiles, ImportLimits limits) throws IOException, DeliveryException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new DeliveryException(Reason.INVALID, "not a folder: " + folder);
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = bounded(walk.iterator(), limits.maxFiles());
        }
        HashingCopy copier = new HashingCopy(limits.maxPayloadBytes());
        TreeMap<String, PayloadFile> files = new TreeMap<>();
        Set<String> executables = new HashSet<>();
        byte[] manifest = null;
        for (Path source : paths) {
            if (source.equals(folder)) {
                continue;
            }
            String path = relative(folder, source);
            BasicFileAttributes attributes = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                throw new DeliveryException(Reason.INVALID, "payloads may not hold symbolic links: " + path);
            }
            if (attributes.isDirectory()) {
                continue;
            }
            if (!attributes.isRegularFile()) {
                throw new DeliveryException(Reason.INVALID, "payloads hold regular files only, not: " + path);
            }
            try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
                if (path.equals(PayloadManifest.FILE_NAME)) {
                    manifest = readManifest(in);
                } else {
                    files.put(path, copier.copy(path, in, stagingFiles.resolve(path)));
                    if (Files.isExecutable(source)) {
                        executables.add(path);
                    }
                }
            }
        }
        return new StagedFiles(manifest, files, executables);
    }

    /** The walk's paths, sorted (a stable import order), refusing a folder with more entries than allowed. */
    private static List<Path> bounded(Iterator<Path> walk, int maxFiles) throws DeliveryException {
        List<Path> paths = new java.util.ArrayList<>();
        while (walk.hasNext()) {
            paths.add(walk.next());
            // folders count too: a tree of millions of empty folders is as costly as files
            if (paths.size() > maxFiles + 1) {
                throw new DeliveryException(Reason.INVALID, "payload has more than " + maxFiles + " files and folders");
            }
        }
        paths.sort(null);
        return paths;
    }

    static byte[] readManifest(InputStream in) throws IOException, DeliveryException {
        byte[] bytes = in.readNBytes(PayloadManifest.MAX_BYTES + 1);
        if (bytes.length > PayloadManifest.MAX_BYTES) {
            throw new DeliveryException(Reason.INVALID, PayloadManifest.FILE_NAME + " is larger than " + PayloadManifest.MAX_BYTES + " bytes");
        }
        return bytes;
    }

    private static String relative(Path folder, Path source) throws DeliveryException {
        StringBuilder path = new StringBuilder();
        for (Path segment : folder.relativize(source)) {
            if (!path.isEmpty()) {
                path.append('/');
            }
            path.append(segment);
        }
        try {
            return PayloadManifest.checkRelative(path.toString());
        } catch (IllegalArgumentException e) {
            throw new DeliveryException(Reason.INVALID, e.getMessage());
        }
    }
}
