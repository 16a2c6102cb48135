package org.deskplane.layers.shims.linux.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A Linux tree's machine identity: {@code etc/machine-id} (32 lower-case hex digits, random — systemd's format) and
 * the SSH host keys {@code etc/ssh/ssh_host_*}.
 */
public final class MachineIdentity {

    static final String MACHINE_ID = "etc/machine-id";
    static final String DBUS_MACHINE_ID = "var/lib/dbus/machine-id";
    static final String SSH_DIR = "etc/ssh";
    private static final Pattern VALID_ID = Pattern.compile("[0-9a-f]{32}\n?");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;

    public MachineIdentity(Path root) {
        this.root = root;
    }

    public static String newMachineId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public boolean hasValidMachineId() throws IOException {
        Path f = root.resolve(MACHINE_ID);
        return TextFiles.isRegularFile(f) && VALID_ID.matcher(TextFiles.read(f, 256)).matches();
    }

    /** Writes a fresh machine-id (and the D-Bus copy when it is a file of its own, not a link). */
    public String regenerateMachineId() throws IOException {
        String id = newMachineId();
        TextFiles.writeAtomically(root.resolve(MACHINE_ID), id + "\n", PosixFilePermissions.fromString("r--r--r--"));
        Path dbus = root.resolve(DBUS_MACHINE_ID);
        if (TextFiles.isRegularFile(dbus)) {
            TextFiles.writeAtomically(dbus, id + "\n", PosixFilePermissions.fromString("r--r--r--"));
        }
        return id;
    }

    public List<Path> hostKeys() throws IOException {
        Path ssh = root.resolve(SSH_DIR);
        List<Path> keys = new ArrayList<>();
        if (Files.isDirectory(ssh, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(ssh, "ssh_host_*")) {
                s.forEach(keys::add);
            }
        }
        return keys;
    }

    /**
     * Deletes the host keys and, when {@code sshKeygen} is given, generates new ones with {@code ssh-keygen -A -f
     * root}. Returns whether new keys were generated (false: the endpoint must generate its own before sshd starts).
     * Nothing happens when the tree has no {@code etc/ssh} (no SSH server).
     */
    public boolean regenerateHostKeys(Path sshKeygen) throws IOException {
        Path ssh = root.resolve(SSH_DIR);
        if (!Files.isDirectory(ssh, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        for (Path key : hostKeys()) {
            Files.deleteIfExists(key);
        }
        if (sshKeygen == null) {
            return false;
        }
        Process p = new ProcessBuilder(sshKeygen.toString(), "-A", "-f", root.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("ssh-keygen -A did not finish within 120 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating host keys", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("ssh-keygen -A failed with exit code " + p.exitValue());
        }
        return !hostKeys().isEmpty();
    }

    /** ssh-keygen on the PATH of this process, or null. */
    public static Path findSshKeygen() {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "ssh-keygen");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
