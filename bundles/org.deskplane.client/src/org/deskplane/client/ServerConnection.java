package org.deskplane.client;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.deskplane.bundles.api.BundleManager;
import org.deskplane.client.internal.CertificateProbe;
import org.deskplane.client.internal.HttpServerConnection;
import org.deskplane.content.api.ContentAccess;
import org.deskplane.content.api.ContentPolicies;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuthenticationException;
import org.deskplane.security.api.Session;
import org.deskplane.security.api.UserAccount;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A logged-in connection to one Deskplane server. It hands out remote implementations of the server's
 * service interfaces; every call they make carries this connection's bearer token.
 *
 * <p>Typical use: {@link #probeCertificate(URI)} to show the user the server's fingerprint, then
 * {@link #login(URI, CertificateTrust, String, char[])} with the trust the user chose.
 */
@ProviderType
public interface ServerConnection extends AutoCloseable {

    /**
     * Reads the certificate an HTTPS server presents, without sending anything to it, so that a person can
     * compare its fingerprint before trusting it. Plain {@code http} URLs have no certificate.
     *
     * @throws IOException when the server cannot be reached or does not speak TLS
     */
    static ServerCertificate probeCertificate(URI baseUrl) throws IOException {
        return CertificateProbe.probe(baseUrl);
    }

    /**
     * Logs in with {@code POST /api/auth/login}.
     *
     * @param baseUrl  the server's address, e.g. {@code https://host:8443} (the {@code /api} prefix is added)
     * @param trust    which server certificate to accept
     * @param password cleared by the caller after the call; it is not kept
     * @throws AuthenticationException       for wrong credentials ({@code BAD_CREDENTIALS}) or a lock-out
     *                                       ({@code LOCKED_OUT}, with the server's Retry-After)
     * @throws UntrustedCertificateException when the server's certificate is not the trusted one
     * @throws ServerException               when the server cannot be reached or answers with an error
     */
    static ServerConnection login(URI baseUrl, CertificateTrust trust, String username, char[] password)
            throws AuthenticationException {
        return HttpServerConnection.login(baseUrl, trust, username, password);
    }

    /** The address given at login. */
    URI baseUrl();

    /** Who is logged in, with which role, until when. */
    Session session();

    /** The certificate the server presented at login; null for plain {@code http}. */
    ServerCertificate certificate();

    /** The server's bundle and feature management, over REST. */
    BundleManager bundleManager();

    /** The server's audit log, read-only over REST. */
    AuditLog auditLog();

    /**
     * The server's hypervisor connections as it lists them now ({@code GET /api/hypervisor/connections}), each
     * a remote {@link HypervisorConnection} over {@code /api/hypervisor}; the same object for the same id on
     * every call. Empty when the server has no hypervisor feature.
     *
     * @throws ServerException when the server cannot be asked
     * @since 1.1
     */
    List<HypervisorConnection> hypervisorConnections();

    /**
     * The server's content access over the Profile API ({@code /api/profile/sources…}). The server decides who
     * the caller is from the bearer token: the {@code RequestContext} passed to its methods is not sent — except
     * that a context made with {@code onBehalfOf(user, role)} asks with {@code ?as=user} (since 1.3), which the
     * server allows administrators only.
     *
     * @since 1.2
     */
    ContentAccess contentAccess();

    /**
     * The server's content policy rules over {@code /api/profile/policies} (ADMIN). The {@code actor} passed to
     * its methods is not sent: the server audits the logged-in user.
     *
     * @since 1.2
     */
    ContentPolicies contentPolicies();

    /**
     * The server's users ({@code GET /api/users}, ADMIN): whom an administrator can view content as, with the
     * content access's {@code RequestContext.onBehalfOf}.
     *
     * @throws ServerException when the server cannot be asked, or 403 for a caller who is not an administrator
     * @since 1.3
     */
    List<UserAccount> users();

    /**
     * The server's printing over {@code /api/print}: printers per driver and per VM, jobs with live state, cancel.
     *
     * @since 1.4
     */
    RemotePrinting printing();

    /**
     * The server's print policy rules over {@code /api/print/policies} (ADMIN). The {@code actor} passed to its
     * methods is not sent: the server audits the logged-in user. A rule the server refuses (400) is a
     * {@link org.deskplane.print.api.PrintException} of kind INVALID with the server's explanation.
     *
     * @since 1.4
     */
    org.deskplane.print.policy.PrintPolicies printPolicies();

    /**
     * Plain REST calls below {@code /api} with this connection's token and trusted certificate, for routes that have
     * no service interface here (extension modules, software delivery).
     *
     * @since 1.5
     */
    ServerRest rest();

    /** Ends the session on the server ({@code POST /api/auth/logout}); failures to reach it are ignored. */
    @Override
    void close();
}
