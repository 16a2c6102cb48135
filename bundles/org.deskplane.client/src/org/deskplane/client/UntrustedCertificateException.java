package org.deskplane.client;

/**
 * The server presented a certificate that the chosen {@link CertificateTrust} does not accept. Nothing was
 * sent to it. Show {@link #certificate()} to the user, who may decide to trust it and log in again.
 */
public class UntrustedCertificateException extends ServerException {
    private static final long serialVersionUID = 1L;

    private final transient ServerCertificate certificate;

    public UntrustedCertificateException(ServerCertificate certificate, String message, Throwable cause) {
        super(0, "Untrusted certificate", message, message, cause);
        this.certificate = certificate;
    }

    /** The certificate that was refused; null when it could not be read. */
    public ServerCertificate certificate() {
        return certificate;
    }
}
