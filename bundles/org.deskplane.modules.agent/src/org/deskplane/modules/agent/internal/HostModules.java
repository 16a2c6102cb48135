package org.deskplane.modules.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.deskplane.channel.api.ChannelException;
import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.ChannelStream;
import org.deskplane.modules.agent.api.ModuleRequester;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.wire.ConfigureMessage;
import org.deskplane.modules.wire.ModuleAnswer;
import org.deskplane.modules.wire.ModuleRef;
import org.deskplane.modules.wire.ModuleWire;
import org.deskplane.modules.wire.QueryMessage;
import org.deskplane.modules.wire.StatusMessage;
import org.deskplane.modules.wire.UploadHeader;
import org.deskplane.modules.wire.WireException;

/** The module verbs over the host's channel peer (which may come and go: it is asked for at every call). */
public final class HostModules implements ModuleRequester {
    /** Quick questions. */
    static final Duration SHORT = Duration.ofSeconds(30);
    /** Verbs that start or stop bundles on the host: the host's activation timeout comes first. */
    static final Duration LONG = Duration.ofSeconds(180);
    private static final int BLOCK = 64 << 10;

    private final Supplier<ChannelPeer> peer;

    public HostModules(Supplier<ChannelPeer> peer) {
        this.peer = peer;
    }

    @Override
    public boolean connected() {
        ChannelPeer p = peer.get();
        return p != null && p.isConnected();
    }

    @Override
    public ModuleAnswer query(String symbolicName, String versionRange) {
        return ask(ModuleWire.QUERY, new QueryMessage(symbolicName, versionRange == null ? "" : versionRange).toBytes(), SHORT);
    }

    @Override
    public ModuleAnswer load(String symbolicName, String version) {
        return ask(ModuleWire.LOAD, new ModuleRef(symbolicName, version).toBytes(), LONG);
    }

    @Override
    public ModuleAnswer unload(String symbolicName, String version) {
        return ask(ModuleWire.UNLOAD, new ModuleRef(symbolicName, version).toBytes(), LONG);
    }

    @Override
    public ModuleAnswer register(String symbolicName, String version) {
        return ask(ModuleWire.REGISTER, new ModuleRef(symbolicName, version).toBytes(), SHORT);
    }

    @Override
    public ModuleAnswer unregister(String symbolicName, String version) {
        return ask(ModuleWire.UNREGISTER, new ModuleRef(symbolicName, version).toBytes(), SHORT);
    }

    @Override
    public ModuleAnswer replace(String symbolicName, String newVersion) {
        return ask(ModuleWire.REPLACE, new ModuleRef(symbolicName, newVersion).toBytes(), LONG);
    }

    @Override
    public ModuleAnswer configure(String pid, String key, String value) {
        return ask(ModuleWire.CONFIGURE, new ConfigureMessage(pid, key, value == null ? "" : value).toBytes(), SHORT);
    }

    @Override
    public ModuleAnswer status(long requestId) {
        return ask(ModuleWire.STATUS, new StatusMessage(requestId).toBytes(), SHORT);
    }

    @Override
    public ModuleAnswer upload(Path jar) {
        long size;
        String sha;
        try {
            size = Files.size(jar);
            sha = sha256(jar);
        } catch (IOException e) {
            return ModuleAnswer.of(ModuleStatus.INVALID, "cannot read " + jar + ": " + e.getMessage());
        }
        try (InputStream in = Files.newInputStream(jar)) {
            return upload(in, size, sha);
        } catch (IOException e) {
            return ModuleAnswer.of(ModuleStatus.INVALID, "cannot read " + jar + ": " + e.getMessage());
        }
    }

    @Override
    public ModuleAnswer upload(InputStream jar, long size, String sha256) {
        ChannelPeer p = peer.get();
        if (p == null || !p.isConnected()) {
            return notConnected();
        }
        ChannelStream stream;
        try {
            stream = p.openStream(ModuleWire.UPLOAD);
        } catch (ChannelException e) {
            return unavailable("cannot open an upload stream to the host", e);
        }
        try {
            OutputStream out = stream.output();
            new UploadHeader(size, sha256).writeTo(out);
            if (!copy(jar, out, size)) {
                stream.reset("cancelled", "the jar ended before its declared size");
                return ModuleAnswer.of(ModuleStatus.INVALID, "the jar ended before its declared " + size + " bytes");
            }
            out.close();
            return ModuleAnswer.read(UploadHeader.readFrame(stream.input(), ModuleWire.MAX_ANSWER, "answer"));
        } catch (WireException e) {
            return ModuleAnswer.of(ModuleStatus.FAILED, "the host's answer is not understood: " + e.getMessage());
        } catch (JarUnreadable e) {
            // our side failed: the host must not wait for the rest, and has nothing to answer
            stream.reset("cancelled", "the guest could not read the jar");
            return ModuleAnswer.of(ModuleStatus.INVALID, "cannot read the jar: " + e.getCause().getMessage());
        } catch (IOException e) {
            // the host may have answered early (refused before reading the jar): its answer says why
            ModuleAnswer early = earlyAnswer(stream);
            if (early != null) {
                return early;
            }
            stream.reset("cancelled", "the guest gave up the upload");
            return ModuleAnswer.of(ModuleWire.UNAVAILABLE, "the upload broke: " + e.getMessage());
        } finally {
            stream.close();
        }
    }

    @Override
    public byte[] call(String messageType, byte[] body) throws ChannelException {
        return call(messageType, body == null ? new byte[0] : body, LONG);
    }

    private ModuleAnswer ask(String type, byte[] body, Duration timeout) {
        byte[] answer;
        try {
            answer = call(type, body, timeout);
        } catch (ChannelException e) {
            if (ChannelException.NO_HANDLER.equals(e.code())) {
                return ModuleAnswer.of(ModuleWire.UNAVAILABLE, "the host does not offer extension modules (" + e.getMessage() + ")");
            }
            if (ChannelException.NOT_CONNECTED.equals(e.code())) {
                return notConnected();
            }
            return unavailable(type + " failed", e);
        }
        try {
            return ModuleAnswer.read(answer);
        } catch (WireException e) {
            return ModuleAnswer.of(ModuleStatus.FAILED, "the host's answer is not understood: " + e.getMessage());
        }
    }

    private byte[] call(String type, byte[] body, Duration timeout) {
        ChannelPeer p = peer.get();
        if (p == null || !p.isConnected()) {
            throw new ChannelException(ChannelException.NOT_CONNECTED, "the host is not connected");
        }
        try {
            return p.request(type, body, timeout).toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException(ChannelException.CLOSED, "interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ChannelException c) {
                throw c;
            }
            throw new ChannelException(ChannelException.HANDLER_FAILED, String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new ChannelException(ChannelException.TIMEOUT, "no answer in " + timeout.toSeconds() + " s", e);
        }
    }

    private static ModuleAnswer earlyAnswer(ChannelStream stream) {
        try {
            return ModuleAnswer.read(UploadHeader.readFrame(stream.input(), ModuleWire.MAX_ANSWER, "answer"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[BLOCK];
        long left = size;
        while (left > 0) {
            int n;
            try {
                n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            } catch (IOException e) {
                throw new JarUnreadable(e);
            }
            if (n < 0) {
                return false;
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        return true;
    }

    /** Reading the jar (a file, or the local client's socket) failed, as opposed to the channel. */
    private static final class JarUnreadable extends IOException {
        private static final long serialVersionUID = 1L;

        JarUnreadable(IOException cause) {
            super(cause);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static ModuleAnswer notConnected() {
        return ModuleAnswer.of(ModuleWire.UNAVAILABLE, "the host is not connected");
    }

    private static ModuleAnswer unavailable(String what, ChannelException e) {
        return ModuleAnswer.of(ModuleWire.UNAVAILABLE, what + ": " + e.getMessage());
    }
}
