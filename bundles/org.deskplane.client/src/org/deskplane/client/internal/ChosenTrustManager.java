package org.deskplane.client.internal;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.deskplane.client.CertificateTrust;
import org.deskplane.client.ServerCertificate;

/**
 * Accepts the server certificate the user chose to trust, and remembers what the server presented so that
 * a refusal can show the user the fingerprint to compare. A pinned fingerprint replaces the host name check:
 * it names one exact certificate, which is stronger.
 */
final class ChosenTrustManager extends X509ExtendedTrustManager {

    private final CertificateTrust trust;
    private final X509ExtendedTrustManager system;
    private volatile ServerCertificate presented;

    ChosenTrustManager(CertificateTrust trust, X509ExtendedTrustManager system) {
        this.trust = trust;
        this.system = system;
    }

    /** What the server presented in the last handshake, or null before any. */
    ServerCertificate presented() {
        return presented;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authType);
        if (trust.mode() == CertificateTrust.Mode.SYSTEM) {
            system.checkServerTrusted(chain, authType, engine);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, authType);
        if (trust.mode() == CertificateTrust.Mode.SYSTEM) {
            system.checkServerTrusted(chain, authType, socket);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType);
        if (trust.mode() == CertificateTrust.Mode.SYSTEM) {
            system.checkServerTrusted(chain, authType);
        }
    }

    private void check(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        presented = Certificates.describe(chain, authType, system);
        if (trust.mode() == CertificateTrust.Mode.PINNED
                && !CertificateTrust.sameFingerprint(presented.sha256Fingerprint(), trust.fingerprint())) {
            throw new CertificateException("the server's certificate has SHA-256 fingerprint "
                    + presented.sha256Fingerprint() + ", not the trusted " + trust.fingerprint());
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("this trust manager only checks servers");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("this trust manager only checks servers");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager only checks servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return system.getAcceptedIssuers();
    }
}
