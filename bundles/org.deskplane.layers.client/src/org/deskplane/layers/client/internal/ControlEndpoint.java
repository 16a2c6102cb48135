package org.deskplane.layers.client.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The layer client's local API for programs on the endpoint, on the loopback only: one line in, one line out.
 * {@code OPEN <path>} fetches a file left behind as a stub (cache mode) and answers {@code OK <absolute path>};
 * {@code SYNC} starts a round; {@code LOGON} applies the profile waiting. Errors answer {@code ERROR <why>}.
 * Requests are bounded (4 KiB a line, 10 s to send it); one connection is served at a time.
 */
final class ControlEndpoint implements AutoCloseable {

    /** What the endpoint does for a request. */
    interface Commands {
        Path open(String endpointPath) throws Exception;

        void sync();

        int logOn() throws Exception;
    }

    private final ServerSocket server;
    private final Commands commands;
    private final Consumer<String> log;
    private final Thread acceptor;

    ControlEndpoint(int port, Commands commands, Consumer<String> log) throws IOException {
        this.commands = commands;
        this.log = log;
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
        acceptor = new Thread(this::serve, "deskplane-layers-control");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                String line = readLine(socket);
                String answer = answer(line);
                OutputStream out = socket.getOutputStream();
                out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.accept("layer control request failed: " + e.getMessage());
                }
            }
        }
    }

    private static String readLine(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 4096);
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n';) {
            if (line.length() >= 4096) {
                throw new IOException("request line longer than 4096 characters");
            }
            line.append((char) c);
        }
        return line.toString().strip();
    }

    private String answer(String line) {
        try {
            if (line.startsWith("OPEN ")) {
                return "OK " + commands.open(line.substring(5).strip()).toAbsolutePath();
            }
            if (line.equals("SYNC")) {
                commands.sync();
                return "OK";
            }
            if (line.equals("LOGON")) {
                return "OK " + commands.logOn();
            }
            return "ERROR unknown request (OPEN <path>, SYNC or LOGON)";
        } catch (Exception e) {
            return "ERROR " + (e.getMessage() == null ? e.toString() : e.getMessage()).replace('\n', ' ');
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        // until the acceptor is out of accept(), the kernel keeps the socket listening: a restart would find the
        // port busy. Waiting makes close() mean "the port is free".
        if (Thread.currentThread() != acceptor) {
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
