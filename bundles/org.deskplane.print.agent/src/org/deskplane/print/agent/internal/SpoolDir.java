package org.deskplane.print.agent.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.print.wire.JobHeader;

/**
 * The guest-side copy of documents the host has not confirmed yet: {@code <key>.doc} (complete, synced) and
 * {@code <key>.hdr} (the job header), written in that order, so a job whose header exists is complete and may be
 * resent. {@code .part} files are documents whose IPP request never finished: nobody was promised anything.
 */
final class SpoolDir {
    private final Path dir;

    SpoolDir(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "*.part")) {
            for (Path p : parts) {
                Files.deleteIfExists(p);
            }
        }
    }

    Path dir() {
        return dir;
    }

    OutputStream openPart(String key) throws IOException {
        return Files.newOutputStream(part(key), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    /** The document is complete: sync it, make it the job's document, then record the header. */
    void commit(JobHeader header) throws IOException {
        Path part = part(header.key());
        try (FileChannel c = FileChannel.open(part, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(part, doc(header.key()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Path tmp = dir.resolve(header.key() + ".hdr.tmp");
        Files.write(tmp, header.toBytes());
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, dir.resolve(header.key() + ".hdr"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    Path doc(String key) {
        return dir.resolve(key + ".doc");
    }

    /** Forgets a job: the host has it, or it ended here. */
    void delete(String key) {
        for (String suffix : List.of(".hdr", ".doc", ".doc.part", ".hdr.tmp")) {
            try {
                Files.deleteIfExists(dir.resolve(key + suffix));
            } catch (IOException e) {
                // a leftover is resent and recognised by its key: harmless
            }
        }
    }

    /** Jobs waiting to be (re)sent: their headers; unreadable leftovers are removed. */
    List<JobHeader> pending() throws IOException {
        List<JobHeader> headers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.hdr")) {
            for (Path f : files) {
                String key = f.getFileName().toString().replaceFirst("\\.hdr$", "");
                try {
                    JobHeader h = JobHeader.read(Files.readAllBytes(f));
                    if (h.key().equals(key) && Files.exists(doc(key))) {
                        headers.add(h);
                        continue;
                    }
                } catch (IOException e) {
                    // fall through: not a header we can use
                }
                delete(key);
            }
        }
        return headers;
    }

    private Path part(String key) {
        return dir.resolve(key + ".doc.part");
    }
}
