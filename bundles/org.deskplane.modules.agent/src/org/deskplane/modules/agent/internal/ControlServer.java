package org.deskplane.modules.agent.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.modules.agent.cli.LocalProtocol;
import org.deskplane.modules.agent.cli.LocalProtocol.Response;

/**
 * The local control endpoint: a TCP server on a loopback address only (anything else is refused at start), one
 * request per connection, a bounded number of connections (beyond it: BUSY and close), and a read timeout so a
 * client that stops sending does not hold a thread.
 */
final class ControlServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ControlServer.class.getName());

    private final ServerSocket server;
    private final ControlCommands commands;
    private final ExecutorService workers;
    private final int readTimeoutMillis;
    private final Thread acceptor;

    ControlServer(String address, int port, int maxConnections, int readTimeoutMillis, ControlCommands commands)
            throws IOException {
        InetAddress bind = InetAddress.getByName(address);
        if (!bind.isLoopbackAddress()) {
            throw new IOException("the module control endpoint listens on the loopback only, not on " + address);
        }
        this.commands = commands;
        this.readTimeoutMillis = readTimeoutMillis;
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(bind, port), 16);
        workers = new ThreadPoolExecutor(0, Math.max(1, maxConnections), 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "deskplane-module-control");
                    t.setDaemon(true);
                    return t;
                });
        acceptor = new Thread(this::acceptLoop, "deskplane-module-control-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(Level.WARNING, "accepting a module control connection failed: " + e.getMessage());
                }
                continue;
            }
            try {
                workers.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                answerAndClose(socket, Response.of("BUSY", "too many module requests at once; try again", ""));
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(readTimeoutMillis);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 << 10);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            Response response;
            try {
                List<String> tokens = LocalProtocol.readRequest(in);
                response = commands.run(tokens, in);
            } catch (IOException e) {
                response = Response.of("INVALID", "bad request: " + e.getMessage(), "");
            } catch (RuntimeException e) {
                response = Response.of("FAILED", e.getClass().getSimpleName() + ": " + e.getMessage(), "");
            }
            LocalProtocol.writeResponse(out, response);
        } catch (IOException e) {
            LOG.log(Level.FINE, "module control connection: " + e.getMessage());
        }
    }

    private static void answerAndClose(Socket socket, Response response) {
        try (socket) {
            LocalProtocol.writeResponse(socket.getOutputStream(), response);
        } catch (IOException e) {
            // the client is gone
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing
        }
        // until the acceptor is out of accept(), the kernel keeps the socket listening: a restart would find the
        // port busy. Waiting makes close() mean "the port is free".
        if (Thread.currentThread() != acceptor) {
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdownNow();
    }
}
