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

    private final ServerSocket server;
    private final IppService ipp;
    private final ExecutorService workers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    HttpServer(String address, int port, int maxConnections, IppService ipp) throws IOException {
        this.ipp = ipp;
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(address), port), 50);
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
        return server.getLocalPort();
    }

    private void acceptLoop() {
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

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
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
