package org.deskplane.content.agent.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** A guest file as an entry of the wire: {@code {"n","t","s","m","l","e"}} (see the protocol document). */
final class GuestEntries {
    private GuestEntries() {
    }

    static BasicFileAttributes attributes(String path, Path file) throws GuestError, IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new GuestError(GuestError.NOT_FOUND, path + ": no such file or directory");
        } catch (AccessDeniedException e) {
            throw new GuestError(GuestError.DENIED, path + ": the agent may not read it");
        }
    }

    static String json(String name, Path file, BasicFileAttributes a) throws IOException {
        StringBuilder b = new StringBuilder(96).append("{\"n\":").append(ContentWire.quote(name)).append(",\"t\":\"")
                .append(type(a)).append('"');
        if (a.isRegularFile()) {
            b.append(",\"s\":").append(a.size());
        }
        b.append(",\"m\":").append(a.lastModifiedTime().toMillis());
        if (a.isSymbolicLink()) {
            b.append(",\"l\":").append(ContentWire.quote(Files.readSymbolicLink(file).toString()));
        }
        return b.append(",\"e\":\"").append(etag(file, a)).append("\"}").toString();
    }

    /** The virtual directory holding several roots. */
    static String virtualRoot(Map<String, Path> roots) {
        return "{\"n\":\"\",\"t\":\"d\",\"e\":\"" + digest(String.join("\n", roots.keySet())) + "\"}";
    }

    static char type(BasicFileAttributes a) {
        return a.isDirectory() ? 'd' : a.isRegularFile() ? 'f' : a.isSymbolicLink() ? 'l' : 'o';
    }

    /**
     * Changes whenever the file's bytes may have: its identity (device and inode where the file system has them),
     * size and modification time to the nanosecond.
     */
    static String etag(Path file, BasicFileAttributes a) {
        return digest(file + "\n" + a.fileKey() + "\n" + a.size() + "\n" + a.lastModifiedTime().toInstant());
    }

    private static String digest(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
