package org.deskplane.channel.internal.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.internal.session.ChannelCore;

/**
 * Per-VM secrets in {@code <dir>/<vm>.key}: 32 random bytes, base64 on one line, mode 0600, written
 * atomically. The same one-line format is what the agent reads from its key file.
 */
public final class SecretStore {

    public static final int SECRET_BYTES = 32;
    private static final Pattern VM_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path dir;
    private final SecureRandom random = new SecureRandom();

    public SecretStore(Path dir) {
        this.dir = dir;
    }

    public static boolean isValidVmId(String vmId) {
        return vmId != null && VM_ID.matcher(vmId).matches();
    }

    public Optional<byte[]> read(String vmId) {
        if (!isValidVmId(vmId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(Files.readString(file(vmId), StandardCharsets.US_ASCII)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            ChannelCore.LOG.warning("channel: secret file of " + vmId + " is unreadable: " + e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    public boolean exists(String vmId) {
        return isValidVmId(vmId) && Files.exists(file(vmId));
    }

    public byte[] generate(String vmId) {
        if (!isValidVmId(vmId)) {
            throw new ChannelException(ChannelException.AUTH_FAILED, "invalid VM id '" + vmId + "'");
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, vmId, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(format(secret).getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            Files.move(tmp, file(vmId), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ChannelException(ChannelException.AUTH_FAILED, "could not store the secret of " + vmId + ": " + e.getMessage(), e);
        }
        return secret;
    }

    private Path file(String vmId) {
        return dir.resolve(vmId + ".key");
    }

    /** Key file content: base64 of the secret on one line. */
    public static String format(byte[] secret) {
        return Base64.getEncoder().encodeToString(secret) + "\n";
    }

    public static byte[] parse(String content) {
        byte[] secret = Base64.getDecoder().decode(content.trim());
        if (secret.length < 16) {
            throw new IllegalArgumentException("a channel secret has at least 16 bytes");
        }
        return secret;
    }
}
