package org.deskplane.server.localapi.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The socket file's life on disk: a private folder for it, a leftover from a crashed server cleared (but never a
 * socket somebody still answers on, nor anything that is not a socket), and its permissions once bound.
 */
final class SocketFile {
    /** sun_path is 108 bytes on Linux, with its terminating NUL. */
    static final int MAX_PATH_BYTES = 107;

    private final Path path;
    private final Set<PosixFilePermission> permissions;

    SocketFile(Path path, String mode) {
        this.path = path.toAbsolutePath().normalize();
        try {
            this.permissions = PosixFilePermissions.fromString(mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode '" + mode + "' is not like rw------- (" + e.getMessage() + ")");
        }
        if (!permissions.contains(PosixFilePermission.OWNER_READ) || !permissions.contains(PosixFilePermission.OWNER_WRITE)) {
            throw new IllegalArgumentException("mode '" + mode + "' must let the owner read and write (rw-…)");
        }
        if (permissions.contains(PosixFilePermission.OTHERS_READ) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IllegalArgumentException("mode '" + mode + "' would open the API to every local user; "
                    + "use a group (rw-rw----) instead");
        }
        int bytes = this.path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("the socket path " + this.path + " has " + bytes
                    + " bytes; Unix-domain sockets allow " + MAX_PATH_BYTES + ". Set a shorter path.");
        }
    }

    Path path() {
        return path;
    }

    /**
     * Makes the folder (owner only, plus search for the group when the group may connect, so that the socket is
     * never reachable with looser rights between bind and chmod) and clears a dead socket left at the path.
     */
    void prepare() throws IOException {
        Path folder = path.getParent();
        Set<PosixFilePermission> folderRights = EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)) {
            folderRights.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if (!Files.isDirectory(folder)) {
            try {
                Files.createDirectories(folder);
                Files.setPosixFilePermissions(folder, folderRights);
            } catch (FileAlreadyExistsException e) {
                throw new IOException(folder + " exists and is not a folder", e);
            }
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isOther()) { // a socket is "other"; a file, folder or link there is somebody's, not ours
            throw new IOException(path + " exists and is not a socket; not replacing it");
        }
        if (answers()) {
            throw new IOException("another process serves " + path + " (a second server on the same data "
                    + "directory?)");
        }
        Files.delete(path); // left behind by a server that did not stop cleanly
    }

    /** Sets the configured permissions on the bound socket. */
    void restrict() throws IOException {
        Files.setPosixFilePermissions(path, permissions);
    }

    /** Removes the socket file if it is still a socket (Jetty usually has, on stop). */
    void remove() throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                && Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
            Files.deleteIfExists(path);
        }
    }

    private boolean answers() {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
