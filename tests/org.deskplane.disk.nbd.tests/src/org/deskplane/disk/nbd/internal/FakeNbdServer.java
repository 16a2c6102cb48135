package org.deskplane.disk.nbd.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A misbehaving "server" for the client's bounds: accepts one connection, sends the given bytes, swallows whatever
 * the client sends, and keeps the connection open (silent) until closed.
 */
final class FakeNbdServer implements AutoCloseable {
    final Path socket;
    private final ServerSocketChannel server;
    private final Thread thread;

    FakeNbdServer(Path socket, byte[] script) throws IOException {
        this.socket = socket;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = Thread.ofPlatform().daemon().start(() -> {
            try (SocketChannel client = server.accept()) {
                client.write(ByteBuffer.wrap(script));
                ByteBuffer sink = ByteBuffer.allocate(4096);
                while (client.read(sink.clear()) >= 0) {
                    // drain
                }
            } catch (IOException e) {
                // the test closed us, or the client went away
            }
        });
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        thread.interrupt();
        thread.join(5_000);
        Files.deleteIfExists(socket);
    }
}
