package org.deskplane.server.localapi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The socket file's rules: modes that would let every local user in, or not the owner, are refused; a path over
 * the kernel's limit is refused with a message; the folder is private before anything binds; a dead socket is
 * replaced, a live one and anything that is not a socket are left alone.
 */
class SocketFileTest {
    @TempDir
    Path dir;

    @Test
    void modesThatOpenTheApiToEverybodyOrLockOutTheOwnerAreRefused() {
        Path path = dir.resolve("run/api.sock");
        for (String mode : new String[] { "rw-rw-rw-", "rw----r--", "rw-----w-", "r--------", "-w-------", "rwx", "0600" }) {
            assertThrows(IllegalArgumentException.class, () -> new SocketFile(path, mode), mode);
        }
        new SocketFile(path, "rw-------");
        new SocketFile(path, "rw-rw----");
    }

    @Test
    void aPathLongerThanTheKernelTakesIsRefusedWithTheLimit() {
        Path deep = dir.resolve("a".repeat(120)).resolve("api.sock");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SocketFile(deep, "rw-------"));
        assertTrue(e.getMessage().contains("107"), e.getMessage());
    }

    @Test
    void theFolderIsPrivateAndTheSocketGetsItsModeOnceBound() throws Exception {
        SocketFile owner = new SocketFile(dir.resolve("owner/api.sock"), "rw-------");
        owner.prepare();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(owner.path().getParent())));
        try (ServerSocketChannel bound = bind(owner.path())) {
            owner.restrict();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(owner.path())));
        }

        SocketFile group = new SocketFile(dir.resolve("group/api.sock"), "rw-rw----");
        group.prepare();
        assertEquals("rwx--x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(group.path().getParent())),
                "the group must be able to reach the socket, and only that");
    }

    @Test
    void aDeadSocketIsReplacedALiveOneIsNot() throws Exception {
        SocketFile file = new SocketFile(dir.resolve("run/api.sock"), "rw-------");
        file.prepare();
        bind(file.path()).close(); // what a crashed server leaves: the file, nobody listening
        assertTrue(Files.exists(file.path(), LinkOption.NOFOLLOW_LINKS));
        file.prepare();
        assertFalse(Files.exists(file.path(), LinkOption.NOFOLLOW_LINKS), "the dead socket is still there");

        try (ServerSocketChannel live = bind(file.path())) {
            IOException e = assertThrows(IOException.class, file::prepare);
            assertTrue(e.getMessage().contains("another process"), e.getMessage());
            assertTrue(Files.exists(file.path(), LinkOption.NOFOLLOW_LINKS), "a live socket was removed");
        }
    }

    @Test
    void somethingThatIsNotASocketIsNeverTouched() throws Exception {
        SocketFile file = new SocketFile(dir.resolve("run/api.sock"), "rw-------");
        file.prepare();
        byte[] precious = "somebody's data".getBytes();
        Files.write(file.path(), precious);
        IOException e = assertThrows(IOException.class, file::prepare);
        assertTrue(e.getMessage().contains("not a socket"), e.getMessage());
        file.remove();
        assertArrayEquals(precious, Files.readAllBytes(file.path()), "remove() deleted a regular file");
    }

    @Test
    void removeDeletesTheSocket() throws Exception {
        SocketFile file = new SocketFile(dir.resolve("run/api.sock"), "rw-------");
        file.prepare();
        bind(file.path()).close();
        file.remove();
        assertFalse(Files.exists(file.path(), LinkOption.NOFOLLOW_LINKS));
        file.remove(); // nothing there: no error
    }

    static ServerSocketChannel bind(Path path) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(path));
        return channel;
    }
}
