package org.deskplane.delivery.repository.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.api.PayloadFile;
import org.deskplane.delivery.api.PayloadManifest;

/**
 * Unpacks an uploaded zip into staging. The archive is untrusted: bytes read, entries and bytes unpacked are all
 * bounded (a zip bomb stops at the bound, not at a full disk), and every entry name must be a plain relative path
 * (a {@code ../} or absolute name — zip slip — is refused, never "cleaned").
 */
final class ZipExtractor {

    private ZipExtractor() {
    }

    static StagedFiles extract(InputStream zip, long maxArchiveBytes, Path stagingFiles, ImportLimits limits)
            throws DeliveryException {
        HashingCopy copier = new HashingCopy(limits.maxPayloadBytes());
        TreeMap<String, PayloadFile> files = new TreeMap<>();
        byte[] manifest = null;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new BoundedInputStream(zip, maxArchiveBytes))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                if (++entries > limits.maxFiles()) {
                    throw new DeliveryException(Reason.INVALID, "archive has more than " + limits.maxFiles() + " entries");
                }
                String path = entryPath(entry);
                Path target = stagingFiles.resolve(path).normalize();
                if (!target.startsWith(stagingFiles)) { // checkRelative makes this impossible; kept as a last guard
                    throw new DeliveryException(Reason.INVALID, "archive entry escapes the payload: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (path.equals(PayloadManifest.FILE_NAME)) {
                    if (manifest != null) {
                        throw new DeliveryException(Reason.INVALID, "archive holds " + path + " twice");
                    }
                    manifest = DirectoryCopier.readManifest(in);
                } else {
                    if (files.containsKey(path)) {
                        throw new DeliveryException(Reason.INVALID, "archive holds " + path + " twice");
                    }
                    files.put(path, copier.copy(path, in, target));
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw new DeliveryException(Reason.INVALID, "archive entries clash (a file and a folder of one name?): " + e.getFile());
        } catch (IOException e) {
            throw new DeliveryException(Reason.INVALID, "cannot read the archive: " + e.getMessage(), e);
        }
        if (entries == 0) {
            throw new DeliveryException(Reason.INVALID, "not a zip archive, or an empty one");
        }
        return new StagedFiles(manifest, files, Set.of());
    }

    private static String entryPath(ZipEntry entry) throws DeliveryException {
        String name = entry.getName();
        if (entry.isDirectory() && name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        try {
            return PayloadManifest.checkRelative(name);
        } catch (IllegalArgumentException e) {
            throw new DeliveryException(Reason.INVALID, "unsafe archive entry name: " + e.getMessage());
        }
    }

    /** Fails the read once more than {@code max} bytes came from the upload. */
    private static final class BoundedInputStream extends FilterInputStream {
        private final long max;
        private long count;

        BoundedInputStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws IOException {
            count += n;
            if (count > max) {
                throw new IOException("archive larger than " + max + " bytes");
            }
        }
    }
}
