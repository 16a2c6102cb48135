package org.deskplane.bundles.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.stream.Stream;

import org.deskplane.bundles.api.BundleInfo;
import org.deskplane.bundles.api.BundleManager;
import org.deskplane.bundles.api.BundleOperationException;
import org.deskplane.bundles.api.BundleOperationException.Kind;
import org.deskplane.bundles.api.BundleVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

class BundleLifecycleTest {
    private BundleManager manager;
    private Path tempDir;
    private Path dataBundles;

    @BeforeEach
    void setUp() throws Exception {
        manager = Services.await(BundleManager.class);
        tempDir = Files.createTempDirectory("fixtures");
        dataBundles = Path.of(System.getProperty("deskplane.data")).resolve("bundles");
    }

    @AfterEach
    void removeFixtures() {
        // a failed test must not leave its fixture for the next one
        manager.bundles().stream().filter(b -> b.symbolicName().startsWith("org.deskplane.test."))
                .forEach(b -> manager.uninstall(b.id()));
    }

    @Test
    void installsStartsStopsUpdatesAndUninstalls() throws Exception {
        BundleInfo installed;
        try (InputStream in = Files.newInputStream(FixtureJars.bundle(tempDir, FixtureJars.NAME, "1.0.0"))) {
            installed = manager.install(in, true);
        }
        assertEquals(FixtureJars.NAME, installed.symbolicName());
        assertEquals("1.0.0", installed.version());
        assertEquals("ACTIVE", installed.state());
        assertEquals("", installed.feature());
        Path kept = dataBundles.resolve(FixtureJars.NAME + "_1.0.0.jar");
        assertTrue(Files.isRegularFile(kept), "the jar is kept in ${deskplane.data}/bundles");
        assertEquals(kept.toUri(), URI.create(installed.location()));
        assertTrue(manager.bundles().stream().anyMatch(b -> b.id() == installed.id()));

        assertEquals("RESOLVED", manager.stop(installed.id()).state());
        assertEquals("ACTIVE", manager.start(installed.id()).state());

        BundleInfo updated;
        try (InputStream in = Files.newInputStream(FixtureJars.bundle(tempDir, FixtureJars.NAME, "1.1.0"))) {
            updated = manager.update(installed.id(), in);
        }
        assertEquals(installed.id(), updated.id());
        assertEquals("1.1.0", updated.version());
        assertEquals("ACTIVE", updated.state());
        assertEquals("1.1.0", resource(installed.id()), "the new content is what the bundle serves");

        // from its location: the kept file now holds the jar that was last installed
        BundleInfo reloaded = manager.update(installed.id(), null);
        assertEquals("1.1.0", reloaded.version());

        manager.uninstall(installed.id());
        assertTrue(manager.bundle(installed.id()).isEmpty());
        assertFalse(Files.exists(kept), "the kept jar is deleted with the bundle");
    }

    @Test
    void installWithoutStartLeavesBundleInstalledOrResolved() throws Exception {
        BundleInfo installed;
        try (InputStream in = Files.newInputStream(FixtureJars.bundle(tempDir, FixtureJars.NAME, "1.0.0"))) {
            installed = manager.install(in, false);
        }
        assertTrue(List.of("INSTALLED", "RESOLVED").contains(installed.state()), installed.state());
    }

    @Test
    void refusesTheSameBundleTwice() throws Exception {
        Path jar = FixtureJars.bundle(tempDir, FixtureJars.NAME, "1.0.0");
        try (InputStream in = Files.newInputStream(jar)) {
            manager.install(in, false);
        }
        long before = manager.bundles().size();
        assertKind(Kind.CONFLICT, () -> {
            try (InputStream in = Files.newInputStream(jar)) {
                manager.install(in, false);
            }
        });
        assertEquals(before, manager.bundles().size());
    }

    @Test
    void refusesNonBundles() throws Exception {
        assertKind(Kind.INVALID, () -> manager.install(new ByteArrayInputStream("not a zip".getBytes(StandardCharsets.UTF_8)), false));
        assertKind(Kind.INVALID, () -> {
            try (InputStream in = Files.newInputStream(FixtureJars.plainJar(tempDir))) {
                manager.install(in, false);
            }
        });
        assertKind(Kind.INVALID, () -> manager.install(new ByteArrayInputStream(new byte[0]), false));
        assertNoStrayFiles();
    }

    @Test
    void verifierRefusalInstallsNothing() throws Exception {
        BundleVerifier refuseFixtures = (name, version, jar) -> {
            assertTrue(Files.isReadable(jar), "the verifier gets a readable local copy");
            if (name.equals("org.deskplane.test.refused")) {
                throw new BundleOperationException(Kind.VERIFICATION_FAILED, name + " is not signed");
            }
        };
        ServiceRegistration<BundleVerifier> registration = Services.context()
                .registerService(BundleVerifier.class, refuseFixtures, new Hashtable<>());
        try {
            int before = manager.bundles().size();
            BundleOperationException refused = assertKind(Kind.VERIFICATION_FAILED, () -> {
                try (InputStream in = Files.newInputStream(FixtureJars.bundle(tempDir, "org.deskplane.test.refused", "1.0.0"))) {
                    manager.install(in, true);
                }
            });
            assertTrue(refused.getMessage().contains("not signed"), refused.getMessage());
            assertEquals(before, manager.bundles().size());
            assertNoStrayFiles();
            // the same verifier lets other jars through
            try (InputStream in = Files.newInputStream(FixtureJars.bundle(tempDir, FixtureJars.NAME, "1.0.0"))) {
                assertEquals("ACTIVE", manager.install(in, true).state());
            }
        } finally {
            registration.unregister();
        }
        // verifiers are dynamic: once it is gone, the jar it refused is accepted
        try (InputStream in = Files.newInputStream(FixtureJars.bundle(tempDir, "org.deskplane.test.refused", "1.0.0"))) {
            assertEquals("ACTIVE", manager.install(in, true).state());
        }
    }

    @Test
    void updateRefusesAJarOfAnotherBundle() throws Exception {
        BundleInfo installed;
        try (InputStream in = Files.newInputStream(FixtureJars.bundle(tempDir, FixtureJars.NAME, "1.0.0"))) {
            installed = manager.install(in, true);
        }
        assertKind(Kind.INVALID, () -> {
            try (InputStream in = Files.newInputStream(FixtureJars.bundle(tempDir, "org.deskplane.test.other", "2.0.0"))) {
                manager.update(installed.id(), in);
            }
        });
        assertEquals("1.0.0", manager.bundle(installed.id()).orElseThrow().version());
    }

    @Test
    void protectsTheSystemBundleAndItself() {
        long own = FrameworkUtil.getBundle(manager.getClass()).getBundleId();
        assertKind(Kind.CONFLICT, () -> manager.stop(0));
        assertKind(Kind.CONFLICT, () -> manager.uninstall(0));
        assertKind(Kind.CONFLICT, () -> manager.stop(own));
        assertKind(Kind.CONFLICT, () -> manager.update(own, null));
        assertEquals(Bundle.ACTIVE, Services.context().getBundle(own).getState());
    }

    @Test
    void unknownBundleIsNotFound() {
        assertKind(Kind.NOT_FOUND, () -> manager.start(987_654));
        assertTrue(manager.bundle(987_654).isEmpty());
    }

    private String resource(long bundleId) throws IOException {
        URL url = Services.context().getBundle(bundleId).getEntry(FixtureJars.RESOURCE);
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void assertNoStrayFiles() throws IOException {
        if (!Files.isDirectory(dataBundles)) {
            return;
        }
        try (Stream<Path> files = Files.list(dataBundles)) {
            List<String> stray = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".incoming-") || n.startsWith("org.deskplane.test.refused")).toList();
            assertEquals(List.of(), stray, "refused jars leave nothing behind");
        }
    }

    static BundleOperationException assertKind(Kind kind, Executable executable) {
        BundleOperationException e = assertThrows(BundleOperationException.class, executable);
        assertEquals(kind, e.kind(), e.getMessage());
        return e;
    }
}
