package org.deskplane.layers.shims.linux.internal;

import static org.deskplane.layers.shims.linux.internal.DpkgStatusShimTest.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.deskplane.layers.spi.ShimHook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsShimTest {

    @TempDir
    Path base;
    private Path root;
    private Path staging;

    @BeforeEach
    void trees() throws IOException {
        root = base.resolve("root");
        staging = base.resolve("staging");
        write(root, "etc/passwd", """
                root:x:0:0:root:/root:/bin/bash
                daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
                sshd:x:105:65534::/run/sshd:/usr/sbin/nologin
                vboxadd:x:998:1::/var/run/vboxadd:/bin/false
                tech:x:1000:1000:local technician:/home/tech:/bin/bash
                nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                """);
        write(staging, "etc/passwd", """
                root:x:0:0:root:/root:/bin/bash
                daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
                _apt:x:42:65534::/nonexistent:/usr/sbin/nologin
                sshd:x:106:65534::/run/sshd:/usr/sbin/nologin
                colord:x:998:998::/var/lib/colord:/usr/sbin/nologin
                alice:x:1000:1000:Alice:/home/alice:/bin/bash
                bob:x:1001:1001:Bob:/home/bob:/bin/zsh
                daemon2:x:1002:1002:clashes with nothing:/home/d:/bin/sh
                nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                """);
        write(root, "etc/group", """
                root:x:0:
                sudo:x:27:tech
                vboxsf:x:999:tech
                tech:x:1000:
                nogroup:x:65534:
                """);
        write(staging, "etc/group", """
                root:x:0:
                sudo:x:27:alice
                audio:x:29:bob
                alice:x:1000:
                bob:x:1001:
                nogroup:x:65534:
                """);
        write(root, "etc/shadow", "root:LOCALROOT:19000:0:99999:7:::\nvboxadd:!:19000::::::\ntech:TECH:19000:0:99999:7:::\n");
        write(staging, "etc/shadow", "root:CVDROOT:19000:0:99999:7:::\nalice:ALICE:19000:0:99999:7:::\nbob:BOB:19000:0:99999:7:::\n");
        Files.setPosixFilePermissions(staging.resolve("etc/shadow"), PosixFilePermissions.fromString("rw-r-----"));
    }

    @Test
    void keepsLocalSystemAccountsAndTakesTheCvdsHumans() throws IOException {
        new AccountsShim().run(ShimHook.PRE_PIVOT, new TestContext(root, staging, false));
        List<String> passwd = Files.readAllLines(staging.resolve("etc/passwd"));
        assertEquals(List.of(
                "root:x:0:0:root:/root:/bin/bash",
                "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
                "sshd:x:105:65534::/run/sshd:/usr/sbin/nologin", // local system wins over the CVD's sshd 106
                "vboxadd:x:998:1::/var/run/vboxadd:/bin/false", // device-only system account kept
                "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin",
                "_apt:x:42:65534::/nonexistent:/usr/sbin/nologin", // CVD system account the device lacks
                // colord (998) dropped: its uid is vboxadd's here
                "alice:x:1000:1000:Alice:/home/alice:/bin/bash",
                "bob:x:1001:1001:Bob:/home/bob:/bin/zsh",
                "daemon2:x:1002:1002:clashes with nothing:/home/d:/bin/sh"), passwd);
        assertUnique(passwd);
    }

    @Test
    void groupsKeepDeviceSystemGroupsAndMembersThatStillExist() throws IOException {
        new AccountsShim().run(ShimHook.PRE_PIVOT, new TestContext(root, staging, false));
        List<String> group = Files.readAllLines(staging.resolve("etc/group"));
        assertEquals(List.of("root:x:0:", "sudo:x:27:alice", "vboxsf:x:999:", "nogroup:x:65534:", "audio:x:29:bob",
                "alice:x:1000:", "bob:x:1001:"), group);
        assertUnique(group);
    }

    @Test
    void shadowFollowsItsAccount() throws IOException {
        new AccountsShim().run(ShimHook.PRE_PIVOT, new TestContext(root, staging, false));
        assertEquals(List.of("root:LOCALROOT:19000:0:99999:7:::", "vboxadd:!:19000::::::", "alice:ALICE:19000:0:99999:7:::",
                "bob:BOB:19000:0:99999:7:::"), Files.readAllLines(staging.resolve("etc/shadow")));
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(staging.resolve("etc/shadow")));
    }

    @Test
    void malformedFileIsAnErrorAndNothingIsWritten() throws IOException {
        write(root, "etc/group", "root:x:zero:\n");
        String before = Files.readString(staging.resolve("etc/passwd"));
        assertThrows(IOException.class, () -> new AccountsShim().run(ShimHook.PRE_PIVOT, new TestContext(root, staging, false)));
        assertEquals(before, Files.readString(staging.resolve("etc/passwd")));
    }

    @Test
    void unstagedFilesAreLeftAlone() throws IOException {
        Files.delete(staging.resolve("etc/group"));
        new AccountsShim().run(ShimHook.PRE_PIVOT, new TestContext(root, staging, false));
        assertEquals(false, Files.exists(staging.resolve("etc/group")));
    }

    private static void assertUnique(List<String> lines) {
        Set<String> names = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (String l : lines) {
            String[] f = l.split(":", -1);
            assertEquals(true, names.add(f[0]), "name twice: " + f[0]);
            assertEquals(true, ids.add(f[2]), "id twice: " + f[2]);
        }
    }
}
