package org.deskplane.client.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.deskplane.client.CertificateTrust;
import org.deskplane.client.ServerCertificate;
import org.deskplane.client.ServerConnection;
import org.deskplane.client.ServerException;
import org.deskplane.client.UntrustedCertificateException;
import org.deskplane.security.api.AuthenticationException;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Login, certificate trust and session handling of {@link ServerConnection} over real HTTPS. */
class ServerConnectionTest {

    private static final String PASSWORD = "correct horse battery";
    private static FakeDeskplaneServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = new FakeDeskplaneServer(PASSWORD);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static ServerConnection login() throws Exception {
        return ServerConnection.login(server.baseUrl(), CertificateTrust.pinned(server.fingerprint()),
                FakeDeskplaneServer.ADMIN, PASSWORD.toCharArray());
    }

    @Test
    void probeReportsTheFingerprintOfTheServersCertificate() throws Exception {
        ServerCertificate certificate = ServerConnection.probeCertificate(server.baseUrl());

        assertEquals(server.fingerprint(), certificate.sha256Fingerprint());
        assertTrue(certificate.subject().contains("CN=localhost"), certificate.subject());
        assertFalse(certificate.trustedBySystem(), "a self-signed certificate is not trusted by any CA");
    }

    @Test
    void loginWithPinnedFingerprintGivesASessionAndSendsTheTokenAfterwards() throws Exception {
        try (ServerConnection connection = login()) {
            assertEquals(FakeDeskplaneServer.ADMIN, connection.session().username());
            assertEquals(Role.ADMIN, connection.session().role());
            assertTrue(connection.session().expiresAt().isAfter(Instant.now()));
            assertEquals(server.fingerprint(), connection.certificate().sha256Fingerprint());

            int before = server.authorizations().size();
            connection.bundleManager().bundles();
            List<String> sent = server.authorizations().subList(before, server.authorizations().size());
            assertEquals(List.of("Bearer " + connection.session().token()), sent);
        }
    }

    @Test
    void fingerprintMayBeGivenInLowerCaseWithoutColons() throws Exception {
        String plain = server.fingerprint().replace(":", "").toLowerCase();
        try (ServerConnection connection = ServerConnection.login(server.baseUrl(), CertificateTrust.pinned(plain),
                FakeDeskplaneServer.ADMIN, PASSWORD.toCharArray())) {
            assertNotNull(connection.session().token());
        }
    }

    @Test
    void aDifferentPinnedFingerprintIsRefusedBeforeThePasswordIsSent() throws Exception {
        String wrong = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";
        int loginsBefore = countLogins();

        UntrustedCertificateException refused = assertThrows(UntrustedCertificateException.class,
                () -> ServerConnection.login(server.baseUrl(), CertificateTrust.pinned(wrong),
                        FakeDeskplaneServer.ADMIN, PASSWORD.toCharArray()));

        assertEquals(server.fingerprint(), refused.certificate().sha256Fingerprint());
        assertTrue(refused.getMessage().contains(server.fingerprint()), refused.getMessage());
        assertEquals(loginsBefore, countLogins(), "no login request may reach an untrusted server");
    }

    @Test
    void theSystemTrustStoreRefusesTheSelfSignedCertificate() {
        UntrustedCertificateException refused = assertThrows(UntrustedCertificateException.class,
                () -> ServerConnection.login(server.baseUrl(), CertificateTrust.system(), FakeDeskplaneServer.ADMIN,
                        PASSWORD.toCharArray()));
        assertNotNull(refused.certificate());
    }

    @Test
    void trustAllIsAcceptedOnLoopbackOnly() throws Exception {
        try (ServerConnection connection = ServerConnection.login(server.baseUrl(),
                CertificateTrust.insecureTrustAllOnLoopback(), FakeDeskplaneServer.ADMIN, PASSWORD.toCharArray())) {
            assertNotNull(connection.session().token());
        }
        // 192.0.2.0/24 is reserved for documentation: the refusal happens before any connection attempt
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ServerConnection.login(URI.create("https://192.0.2.10:8443"),
                        CertificateTrust.insecureTrustAllOnLoopback(), FakeDeskplaneServer.ADMIN,
                        PASSWORD.toCharArray()));
        assertTrue(refused.getMessage().contains("loopback"), refused.getMessage());
    }

    @Test
    void passwordsAreNotSentOverPlainHttpToOtherHosts() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ServerConnection.login(URI.create("http://192.0.2.10:8080"), CertificateTrust.system(),
                        FakeDeskplaneServer.ADMIN, PASSWORD.toCharArray()));
        assertTrue(refused.getMessage().contains("https"), refused.getMessage());
    }

    @Test
    void wrongPasswordIsABadCredentialsAuthenticationException() throws Exception {
        AuthenticationException refused = assertThrows(AuthenticationException.class,
                () -> ServerConnection.login(server.baseUrl(), CertificateTrust.pinned(server.fingerprint()),
                        FakeDeskplaneServer.ADMIN, "wrong".toCharArray()));
        assertEquals(AuthenticationException.Reason.BAD_CREDENTIALS, refused.reason());
        assertTrue(refused.getMessage().contains("wrong user name or password"), refused.getMessage());
    }

    @Test
    void lockOutCarriesTheServersRetryAfter() throws Exception {
        AuthenticationException refused = assertThrows(AuthenticationException.class,
                () -> ServerConnection.login(server.baseUrl(), CertificateTrust.pinned(server.fingerprint()),
                        FakeDeskplaneServer.LOCKED_USER, "whatever".toCharArray()));
        assertEquals(AuthenticationException.Reason.LOCKED_OUT, refused.reason());
        assertEquals(Duration.ofSeconds(30), refused.retryAfter());
    }

    @Test
    void anExpiredSessionIsAClearUnauthorizedError() throws Exception {
        try (ServerConnection connection = login()) {
            server.revokeAllTokens();

            ServerException refused = assertThrows(ServerException.class,
                    () -> connection.bundleManager().bundles());

            assertTrue(refused.isUnauthorized());
            assertEquals(401, refused.status());
            assertTrue(refused.getMessage().contains("Log in again"), refused.getMessage());
        }
    }

    @Test
    void anUnreachableServerIsAServerExceptionWithoutStatus() throws Exception {
        URI closed;
        try (FakeDeskplaneServer gone = new FakeDeskplaneServer(PASSWORD)) {
            closed = gone.baseUrl();
        }
        ServerException refused = assertThrows(ServerException.class,
                () -> ServerConnection.login(closed, CertificateTrust.insecureTrustAllOnLoopback(),
                        FakeDeskplaneServer.ADMIN, PASSWORD.toCharArray()));
        assertEquals(0, refused.status());
        assertTrue(refused.getMessage().contains("Cannot reach"), refused.getMessage());
    }

    @Test
    void closeLogsOutOnTheServer() throws Exception {
        ServerConnection connection = login();
        connection.close();
        assertTrue(server.requests().contains("POST /api/auth/logout"), server.requests().toString());
    }

    private static int countLogins() {
        return (int) server.requests().stream().filter(r -> r.equals("POST /api/auth/login")).count();
    }
}
