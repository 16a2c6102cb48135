package org.deskplane.client.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.bundles.api.BundleManager;
import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.FeatureInfo;
import org.deskplane.client.CertificateTrust;
import org.deskplane.client.ServerConnection;
import org.deskplane.security.api.AuditEvent;
import org.deskplane.security.api.AuditLog;
import org.deskplane.security.api.AuditQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The remote {@link BundleManager} and {@link AuditLog}: JSON read into the API records, errors mapped. */
class RemoteServicesTest {

    private static final String PASSWORD = "another secret";
    private static FakeDeskplaneServer server;
    private static ServerConnection connection;

    @BeforeAll
    static void connect() throws Exception {
        server = new FakeDeskplaneServer(PASSWORD);
        connection = ServerConnection.login(server.baseUrl(), CertificateTrust.pinned(server.fingerprint()),
                FakeDeskplaneServer.ADMIN, PASSWORD.toCharArray());
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        server.close();
    }

    @Test
    void bundlesAreReadIntoBundleInfos() {
        List<BundleInfo> bundles = connection.bundleManager().bundles();

        BundleInfo rest = bundles.stream().filter(b -> b.symbolicName().equals("org.deskplane.rest.api"))
                .findFirst().orElseThrow();
        assertEquals(8, rest.id());
        assertEquals("0.1.0", rest.version());
        assertEquals("ACTIVE", rest.state());
        assertEquals("org.deskplane.platform.feature", rest.feature());
        assertEquals(server.bundleIds().size(), bundles.size());
    }

    @Test
    void startAndStopReturnTheNewState() {
        BundleManager manager = connection.bundleManager();
        assertEquals("ACTIVE", manager.start(7).state());
        assertEquals("RESOLVED", manager.stop(7).state());
        assertEquals("RESOLVED", manager.bundle(7).orElseThrow().state());
    }

    @Test
    void unknownBundleIsNotFoundWithTheServersDetail() {
        BundleOperationException refused = assertThrows(BundleOperationException.class,
                () -> connection.bundleManager().start(4711));
        assertEquals(BundleOperationException.Kind.NOT_FOUND, refused.kind());
        assertTrue(refused.getMessage().contains("no bundle with id 4711"), refused.getMessage());
    }

    @Test
    void conflictIsMappedToConflict() {
        BundleOperationException refused = assertThrows(BundleOperationException.class,
                () -> connection.bundleManager().stop(0));
        assertEquals(BundleOperationException.Kind.CONFLICT, refused.kind());
        assertTrue(refused.getMessage().contains("system bundle"), refused.getMessage());
    }

    @Test
    void featuresAreListedAndAFailedInstallSaysWhy() {
        List<FeatureInfo> features = connection.bundleManager().features();
        assertEquals(List.of("org.deskplane.rest.api"), features.get(0).bundles());

        BundleOperationException refused = assertThrows(BundleOperationException.class,
                () -> connection.bundleManager().installFeature(URI.create("https://updates.invalid/repo"),
                        "org.deskplane.missing.feature", null));
        assertEquals(BundleOperationException.Kind.NOT_FOUND, refused.kind());
        assertTrue(refused.getMessage().contains("org.deskplane.missing.feature"), refused.getMessage());
    }

    @Test
    void auditEventsAreReadAndTheLimitIsSent() {
        List<AuditEvent> events = connection.auditLog().query(AuditQuery.latest(25));

        assertEquals(2, events.size());
        assertEquals(AuditEvent.Result.FAILURE, events.get(1).result());
        assertEquals("mallory", events.get(1).actor());
        assertTrue(server.requests().contains("GET /api/audit?limit=25"), server.requests().toString());
    }

    @Test
    void recordingOnARemoteAuditLogIsRefusedClearly() {
        UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
                () -> connection.auditLog().record(AuditEvent.now("admin", "test", "", AuditEvent.Result.SUCCESS,
                        "", "local")));
        assertTrue(refused.getMessage().contains("audit records are written by the server"));
    }
}
