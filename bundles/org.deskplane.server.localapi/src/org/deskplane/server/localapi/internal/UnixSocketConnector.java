package org.deskplane.server.localapi.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A {@link ServerConnector} that accepts on a Unix-domain socket instead of a TCP port.
 * <p>
 * Why not Jetty's own UnixDomainServerConnector: the HTTP whiteboard (Felix) lists the endpoints of every
 * connector of its server and takes each one for a ServerConnector; any other kind makes its Jetty (re)start fail,
 * HTTPS included. So this is a ServerConnector whose accepting side alone is replaced: it binds the socket file on
 * open, accepts from it on the acceptor thread, and hands each connection to the same selector, endpoints and
 * HTTP/1.1 connections as a TCP connector would. The TCP-only parts of ServerConnector (Socket options, the
 * local port) are never reached. It needs one acceptor thread: the selector-accepts mode works on the TCP channel.
 */
final class UnixSocketConnector extends ServerConnector {
    private final Path path;
    private volatile ServerSocketChannel channel;

    UnixSocketConnector(Server server, Path path, ConnectionFactory... factories) {
        super(server, 1, 1, factories);
        this.path = path;
    }

    Path path() {
        return path;
    }

    @Override
    public void open() throws IOException {
        if (channel == null) {
            ServerSocketChannel bound = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                bound.bind(UnixDomainSocketAddress.of(path), getAcceptQueueSize());
            } catch (IOException e) {
                bound.close();
                throw new IOException("cannot listen on " + path + ": " + e.getMessage(), e);
            }
            channel = bound;
        }
    }

    @Override
    public void accept(int acceptorId) throws IOException {
        ServerSocketChannel listening = channel;
        if (listening != null && listening.isOpen()) {
            SocketChannel accepted = listening.accept();
            accepted.configureBlocking(false);
            getSelectorManager().accept(accepted);
        }
    }

    @Override
    public void close() {
        ServerSocketChannel listening = channel;
        channel = null;
        if (listening != null) {
            try {
                listening.close(); // wakes the acceptor thread
            } catch (IOException e) {
                // closing anyway
            }
        }
        super.close();
    }

    @Override
    public boolean isOpen() {
        ServerSocketChannel listening = channel;
        return listening != null && listening.isOpen();
    }

    @Override
    public Object getTransport() {
        return channel;
    }

    /** No TCP port; the whiteboard lists this connector as localhost without one. */
    @Override
    public int getLocalPort() {
        return -1;
    }

    @Override
    public String getHost() {
        return "localhost";
    }

    @Override
    public String toString() {
        return "UnixSocketConnector[" + path + "]";
    }
}
