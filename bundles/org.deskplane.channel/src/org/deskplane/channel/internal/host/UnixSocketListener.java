package org.deskplane.channel.internal.host;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;

import org.deskplane.channel.internal.session.ChannelCore;
import org.deskplane.channel.internal.transport.UnixSocketTransport;

/** Accepts agents that connect themselves over a Unix socket (tests, physical endpoints). */
public final class UnixSocketListener implements AutoCloseable {

    private final HostEndpoint host;
    private final Path path;
    private final ServerSocketChannel server;
    private final Set<UnixSocketTransport> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public UnixSocketListener(HostEndpoint host, Path path) throws IOException {
        this.host = host;
        this.path = path;
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.deleteIfExists(path); // a socket file left by a previous run
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path), 256);
        Thread.ofVirtual().name("deskplane-channel-listener").start(this::acceptLoop);
        ChannelCore.LOG.info("channel: listening for agents on " + path);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel ch = server.accept();
                UnixSocketTransport t = new UnixSocketTransport(ch, "unix:" + path + " (accepted)");
                open.add(t);
                host.core().executor().execute(() -> {
                    try {
                        host.serve(t, null);
                    } finally {
                        open.remove(t);
                    }
                });
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    ChannelCore.LOG.log(Level.WARNING, "channel: accepting on " + path + " failed", e);
                }
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // nothing more to clean
        }
        open.forEach(UnixSocketTransport::close);
    }
}
