package org.deskplane.client.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.deskplane.client.CertificateTrust;
import org.deskplane.client.ServerCertificate;

/**
 * Reads the certificate of an HTTPS server by a bare TLS handshake. It accepts any certificate because it
 * sends nothing: its only job is to show the user what the server presents.
 */
public final class CertificateProbe {

    private static final int TIMEOUT_MILLIS = 10_000;

    private CertificateProbe() {
    }

    public static ServerCertificate probe(URI baseUrl) throws IOException {
        ServerAddress address = ServerAddress.of(baseUrl);
        if (!address.tls()) {
            throw new IOException(baseUrl + " is plain http: there is no certificate to check");
        }
        ChosenTrustManager recorder = new ChosenTrustManager(CertificateTrust.insecureTrustAllOnLoopback(),
                SystemTrust.defaultTrustManager());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { recorder }, null);
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(address.host(), address.port()), TIMEOUT_MILLIS);
                plain.setSoTimeout(TIMEOUT_MILLIS);
                try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, address.host(),
                        address.port(), false)) {
                    tls.startHandshake();
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
        if (recorder.presented() == null) {
            throw new IOException(baseUrl + " did not present a certificate");
        }
        return recorder.presented();
    }
}
