package org.deskplane.client.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/** The parts of a server base URL the client needs, checked once. */
record ServerAddress(URI base, String host, int port, boolean tls) {

    static ServerAddress of(URI baseUrl) {
        if (baseUrl == null || baseUrl.getScheme() == null || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("Not a server URL (expected https://host:port): " + baseUrl);
        }
        String scheme = baseUrl.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "https" -> true;
            case "http" -> false;
            default -> throw new IllegalArgumentException("Unsupported scheme " + scheme + " in " + baseUrl
                    + " (expected https)");
        };
        int port = baseUrl.getPort() > 0 ? baseUrl.getPort() : tls ? 443 : 80;
        String text = baseUrl.toString();
        URI base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        return new ServerAddress(base, baseUrl.getHost(), port, tls);
    }

    /** True when every address the host name resolves to is a loopback address. */
    boolean loopback() {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1,
                    host.length() - 1) : host);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
