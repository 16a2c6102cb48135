package org.deskplane.server.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The server's start options. The launcher turns {@code --data-dir}, {@code --bind}, {@code --port} and
 * {@code --http} into the framework properties read here.
 *
 * @param dataDir   where every bundle keeps its state
 * @param bind      the address to listen on
 * @param port      the TCP port
 * @param plainHttp serve HTTP instead of HTTPS; allowed on a loopback address only
 */
record ServerOptions(Path dataDir, String bind, int port, boolean plainHttp) {

    static final String DATA = "deskplane.data";
    static final String BIND = "deskplane.bind";
    static final String PORT = "deskplane.port";
    static final String HTTP = "deskplane.http";

    static final String DEFAULT_BIND = "127.0.0.1";
    static final int DEFAULT_PORT = 8443;

    /** @throws IllegalArgumentException with a message fit for the console when an option is wrong */
    static ServerOptions from(UnaryOperator<String> property) {
        String data = property.apply(DATA);
        Path dataDir = Path.of(data == null || data.isBlank() ? "data" : data).toAbsolutePath().normalize();
        String bind = orDefault(property.apply(BIND), DEFAULT_BIND);
        int port = parsePort(orDefault(property.apply(PORT), Integer.toString(DEFAULT_PORT)));
        boolean http = Boolean.parseBoolean(orDefault(property.apply(HTTP), "false"));
        if (http && !isLoopback(bind)) {
            throw new IllegalArgumentException("--http serves unencrypted traffic and is allowed only on a loopback "
                    + "address (127.0.0.1, ::1, localhost), not on " + bind + ". Drop --http to use HTTPS.");
        }
        return new ServerOptions(dataDir, bind, port, http);
    }

    String scheme() {
        return plainHttp ? "http" : "https";
    }

    /** The URL a local user types: the wildcard address is shown as localhost. */
    String displayUrl(int actualPort) {
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "localhost" : bind;
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return scheme() + "://" + host + ":" + actualPort + "/";
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 1 to 65535, not '" + value + "'");
        }
    }

    static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
