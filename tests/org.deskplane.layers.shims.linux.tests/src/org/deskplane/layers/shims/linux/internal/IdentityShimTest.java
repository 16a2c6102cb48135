package org.deskplane.layers.shims.linux.internal;

import static org.deskplane.layers.shims.linux.internal.DpkgStatusShimTest.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deskplane.layers.spi.ShimHook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityShimTest {

    private static final String CLONED_ID = "0123456789abcdef0123456789abcdef\n";

    @TempDir
    Path root;

    @BeforeEach
    void clonedTree() throws IOException {
        write(root, "etc/machine-id", CLONED_ID);
        write(root, "var/lib/dbus/machine-id", CLONED_ID);
        write(root, "etc/ssh/ssh_host_ed25519_key", "copied private key");
        write(root, "etc/ssh/ssh_host_ed25519_key.pub", "copied public key");
        write(root, "etc/ssh/sshd_config", "Port 22\n");
    }

    @Test
    void newIdentityAtStartupGetsFreshMachineIdAndHostKeys() throws IOException {
        assertNotNull(MachineIdentity.findSshKeygen(), "ssh-keygen is installed on this machine");
        TestContext ctx = new TestContext(root, root, true);
        new IdentityShim().run(ShimHook.STARTUP, ctx);
        String id = Files.readString(root.resolve("etc/machine-id"));
        assertTrue(id.matches("[0-9a-f]{32}\n"), id);
        assertNotEquals(CLONED_ID, id);
        assertEquals(id, Files.readString(root.resolve("var/lib/dbus/machine-id")));
        List<Path> keys = new MachineIdentity(root).hostKeys();
        assertTrue(keys.size() >= 2, keys.toString());
        assertNotEquals("copied private key", Files.readString(root.resolve("etc/ssh/ssh_host_ed25519_key")));
        assertEquals("Port 22\n", Files.readString(root.resolve("etc/ssh/sshd_config")));
    }

    @Test
    void twoEndpointsNeverShareAnIdentity() {
        assertNotEquals(MachineIdentity.newMachineId(), MachineIdentity.newMachineId());
    }

    @Test
    void withoutSshKeygenTheCopiedKeysAreDeleted() throws IOException {
        assertFalse(new MachineIdentity(root).regenerateHostKeys(null));
        assertTrue(new MachineIdentity(root).hostKeys().isEmpty());
    }

    @Test
    void postPivotKeepsAValidOwnIdentity() throws IOException {
        new IdentityShim().run(ShimHook.POST_PIVOT, new TestContext(root, root, false));
        assertEquals(CLONED_ID, Files.readString(root.resolve("etc/machine-id")));
        assertEquals("copied private key", Files.readString(root.resolve("etc/ssh/ssh_host_ed25519_key")));
    }

    @Test
    void postPivotReplacesAMissingOrMalformedMachineId() throws IOException {
        Files.writeString(root.resolve("etc/machine-id"), "uninitialized\n");
        new IdentityShim().run(ShimHook.POST_PIVOT, new TestContext(root, root, false));
        assertTrue(Files.readString(root.resolve("etc/machine-id")).matches("[0-9a-f]{32}\n"));
    }
}
