package org.deskplane.bundles.tests;

import static org.deskplane.bundles.tests.BundleLifecycleTest.assertKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.bundles.api.BundleManager;
import org.deskplane.bundles.api.BundleOperationException.Kind;
import org.deskplane.bundles.api.FeatureInfo;
import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.junit.jupiter.api.BeforeEach;
import org.deskplane.rest.testing.FakeApiRequest;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Installs {@code org.deskplane.diagnostics.feature} with p2 from the update site built in releng/ (system
 * property {@code deskplane.test.p2repo}) and removes it again.
 */
class FeatureInstallTest {
    static final String FEATURE = "org.deskplane.diagnostics.feature";
    static final String BUNDLE = "org.deskplane.diagnostics";
    static final String DIAGNOSTICS_SERVICE = "(&(objectClass=" + ApiResource.class.getName() + ")("
            + ApiResource.NAME_PROPERTY + "=diagnostics))";

    private BundleManager manager;
    private URI repository;

    @BeforeEach
    void setUp() throws Exception {
        manager = Services.await(BundleManager.class);
        Path repo = Path.of(System.getProperty("deskplane.test.p2repo", "(deskplane.test.p2repo not set)"));
        assertTrue(Files.isRegularFile(repo.resolve("content.jar")) || Files.isRegularFile(repo.resolve("content.xml"))
                || Files.isRegularFile(repo.resolve("content.xml.xz")),
                "no p2 repository at " + repo + ": build releng/org.deskplane.repository first");
        repository = repo.toUri();
        assertFalse(manager.bundles().stream().anyMatch(b -> b.symbolicName().equals(BUNDLE)),
                "the diagnostics bundle must not be in the test runtime before the feature is installed");
    }

    @Test
    void installsAFeatureFromAP2RepositoryAndRemovesIt() throws Exception {
        FeatureInfo feature = manager.installFeature(repository, FEATURE, null);
        assertEquals(FEATURE, feature.id());
        assertTrue(feature.bundles().contains(BUNDLE), feature.bundles().toString());
        assertEquals(repository.toString(), feature.source());

        // the capability is live: its REST resource is registered and answers
        ApiResource diagnostics = Services.await(ApiResource.class, DIAGNOSTICS_SERVICE);
        Route route = diagnostics.routes().stream().filter(r -> r.path().equals("/diagnostics")).findFirst().orElseThrow();
        ApiResult result = route.handler().handle(new FakeApiRequest("GET", "/diagnostics").as("olivia", Role.OPERATOR));
        Map<?, ?> body = (Map<?, ?>) result.json();
        assertEquals(200, result.status());
        assertTrue(((Map<?, ?>) body.get("jvm")).containsKey("heapUsed"), body.toString());
        assertEquals(manager.bundles().size(), ((Number) body.get("bundles")).intValue());

        BundleInfo installed = manager.bundles().stream().filter(b -> b.symbolicName().equals(BUNDLE)).findFirst().orElseThrow();
        assertEquals(FEATURE, installed.feature());
        assertEquals("ACTIVE", installed.state());
        assertTrue(manager.features().stream().anyMatch(f -> f.id().equals(FEATURE)));
        assertKind(Kind.CONFLICT, () -> manager.installFeature(repository, FEATURE, null));

        // features.json survives a restart of the manager
        BundleManager restarted = restartProvider();
        assertTrue(restarted.features().stream().anyMatch(f -> f.id().equals(FEATURE) && f.bundles().contains(BUNDLE)),
                restarted.features().toString());

        restarted.uninstallFeature(FEATURE);
        Services.awaitGone(DIAGNOSTICS_SERVICE);
        assertFalse(restarted.bundles().stream().anyMatch(b -> b.symbolicName().equals(BUNDLE)));
        assertFalse(restarted.features().stream().anyMatch(f -> f.id().equals(FEATURE)));
        assertKind(Kind.NOT_FOUND, () -> restarted.uninstallFeature(FEATURE));
    }

    @Test
    void unknownFeatureOrRepositoryIsReported() throws Exception {
        assertKind(Kind.NOT_FOUND, () -> manager.installFeature(repository, "org.deskplane.no.such.feature", null));
        assertKind(Kind.NOT_FOUND, () -> manager.installFeature(repository, FEATURE, "9.9.9"));
        Path empty = Files.createTempDirectory("no-repository");
        BundleOperationExceptionKinds.assertOneOf(() -> manager.installFeature(empty.toUri(), FEATURE, null),
                Kind.NOT_FOUND, Kind.INVALID);
        assertKind(Kind.INVALID, () -> manager.installFeature(repository, "bad id!", null));
        assertKind(Kind.INVALID, () -> manager.installFeature(URI.create("https://updates.example.org/deskplane"), FEATURE, null));
        assertFalse(manager.bundles().stream().anyMatch(b -> b.symbolicName().equals(BUNDLE)));
    }

    private BundleManager restartProvider() throws Exception {
        Bundle provider = FrameworkUtil.getBundle(manager.getClass());
        provider.stop();
        provider.start();
        manager = Services.await(BundleManager.class);
        return manager;
    }
}
