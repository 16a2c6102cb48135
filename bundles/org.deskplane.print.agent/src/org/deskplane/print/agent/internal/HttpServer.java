package org.deskplane.print.agent.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A small HTTP/1.1 server for IPP on the guest's loopback: keep-alive, chunked bodies, {@code Expect: 100-continue},
 * a bounded number of connections (beyond it: 503 and close). Only {@code POST} with {@code application/ipp} reaches
 * the {@link IppService}.
 */
final class HttpServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HttpServer.class.getName());
    private static final int IDLE_MILLIS = 60_000;

    private final InetSocketAddress endpoint;
    private final long rebindMillis;
    private volatile ServerSocket server; // null while a busy fixed port is retried
    private volatile boolean closed;
    private final IppService ipp;
    private final ExecutorService workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    /**
     * Binds at once if it can. A fixed port that is busy (another program, or an outgoing connection that happened to
     * get it) does not fail the start: the acceptor tries again every {@code rebindMillis}, so the printers appear
     * once the port is free instead of staying away until the next restart.
     */
    HttpServer(String address, int port, int maxConnections, long rebindMillis, IppService ipp) throws IOException {
        this.ipp = ipp;
        this.rebindMillis = Math.max(10, rebindMillis);
        endpoint = new InetSocketAddress(InetAddress.getByName(address), port);
        server = bindOrNull();
        if (server == null && port == 0) {
            throw new java.net.BindException("no free port on " + address);
        } else if (server == null) {
            LOG.warning("the IPP port " + endpoint + " is busy; trying again every " + this.rebindMillis + " ms");
        }
        workers = new ThreadPoolExecutor(0, Math.max(1, maxConnections), 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "deskplane-ipp-connection");
                    t.setDaemon(true);
                    return t;
                });
        acceptor = new Thread(this::acceptLoop, "deskplane-ipp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        ServerSocket bound = server;
        return bound != null ? bound.getLocalPort() : endpoint.getPort();
    }

    /** Waits for a busy port to become free; false once closed. */
    private boolean bound() {
        while (server == null && !closed) {
            try {
                Thread.sleep(rebindMillis);
                ServerSocket socket = bindOrNull();
                synchronized (this) {
                    if (closed && socket != null) {
                        socket.close();
                    } else if (socket != null) {
                        server = socket;
                        LOG.info("the IPP port " + endpoint + " is free now: listening");
                    }
                }
            } catch (InterruptedException | IOException e) {
                return false;
            }
        }
        return !closed;
    }

    private ServerSocket bindOrNull() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        try {
            socket.bind(endpoint, 50);
            return socket;
        } catch (java.net.BindException e) {
            socket.close(); // a failed bind leaves the socket unusable: every try takes a new one
            return null;
        }
    }

    private void acceptLoop() {
        if (!bound()) {
            return;
        }
        ServerSocket server = this.server;
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(Level.WARNING, "accepting an IPP connection failed: " + e.getMessage());
                }
                continue;
            }
            try {
                workers.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                busy(socket);
            }
        }
    }

    private void serve(Socket socket) {
        open.add(socket);
        try (socket) {
            socket.setSoTimeout(IDLE_MILLIS);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 << 10);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 << 10);
            boolean keepAlive = true;
            while (keepAlive) {
                HttpRequest request;
                try {
                    request = HttpRequest.read(in);
                } catch (HttpRequest.BadRequest e) {
                    respond(out, 400, "Bad Request", "text/plain", HttpRequest.ascii(e.getMessage() + "\n"), false);
                    return;
                }
                if (request == null) {
                    return;
                }
                keepAlive = handle(request, out) && request.keepAlive();
            }
        } catch (SocketException | java.io.EOFException | java.net.SocketTimeoutException e) {
            // the client went away or idled out
        } catch (IOException e) {
            LOG.log(Level.FINE, "IPP connection ended: " + e.getMessage());
        } finally {
            open.remove(socket);
        }
    }

    /** @return whether the connection can carry another request */
    private boolean handle(HttpRequest request, OutputStream out) throws IOException {
        if (request.method().equals("GET") && request.path().equals(IppService.ICON_PATH)) {
            boolean drained = request.body().drain(64 << 10);
            respond(out, 200, "OK", "image/png", PrinterIcon.PNG, drained);
            return drained;
        }
        if (!request.method().equals("POST")) {
            boolean drained = request.body().drain(64 << 10);
            respond(out, request.method().equals("GET") ? 404 : 405,
                    request.method().equals("GET") ? "Not Found" : "Method Not Allowed", "text/plain",
                    HttpRequest.ascii("This is an IPP printer: POST application/ipp to /ipp/print/<printer>\n"), drained);
            return drained;
        }
        if (!request.header("content-type").toLowerCase(java.util.Locale.ROOT).startsWith("application/ipp")) {
            boolean drained = request.body().drain(64 << 10);
            respond(out, 415, "Unsupported Media Type", "text/plain", HttpRequest.ascii("application/ipp only\n"), drained);
            return drained;
        }
        if (request.header("expect").equalsIgnoreCase("100-continue")) {
            out.write(HttpRequest.ascii("HTTP/1.1 100 Continue\r\n\r\n"));
            out.flush();
        }
        byte[] answer = ipp.handle(request.path(), request.body());
        // an IPP error may leave document data unread: skip a little, else close rather than misread it
        boolean drained = request.body().finished() || request.body().drain(1 << 20);
        respond(out, 200, "OK", "application/ipp", answer, drained);
        return drained;
    }

    private static void respond(OutputStream out, int code, String text, String type, byte[] body, boolean keepAlive)
            throws IOException {
        out.write(HttpRequest.ascii("HTTP/1.1 " + code + " " + text + "\r\nContent-Type: " + type
                + "\r\nContent-Length: " + body.length + "\r\nServer: Deskplane virtual printer\r\n"
                + (keepAlive ? "" : "Connection: close\r\n") + "\r\n"));
        out.write(body);
        out.flush();
    }

    private static void busy(Socket socket) {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            respond(out, 503, "Service Unavailable", "text/plain", HttpRequest.ascii("too many connections\n"), false);
        } catch (IOException e) {
            // nothing more to do
        }
    }

    /**
     * A thread blocked in accept() keeps the listening socket alive in the kernel until the call returns, after
     * close() has returned: the port would still be taken for a moment, and a restart right after a stop would
     * find it busy. Waiting for the acceptor makes close() mean "the port is free".
     */
    private void awaitAcceptorEnd() {
        if (Thread.currentThread() == acceptor) {
            return;
        }
        try {
            acceptor.join(5_000);
            if (acceptor.isAlive()) {
                LOG.warning("the IPP acceptor of " + endpoint + " did not end within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        ServerSocket bound;
        synchronized (this) {
            closed = true;
            bound = server;
        }
        try {
            if (bound != null) {
                bound.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        acceptor.interrupt();
        awaitAcceptorEnd();
        open.forEach(s -> {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        });
        workers.shutdownNow();
    }
}
