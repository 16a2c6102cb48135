package org.deskplane.module.clamscan.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.deskplane.modules.api.LifecycleTopics;
import org.deskplane.modules.testing.BuiltModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The ClamAV module as built (signed jar) with the real clamscan: VM start events go through the real EventAdmin,
 * as the module host sends them, and the module vetoes or not.
 */
class ClamScanModuleTest {

    /** The test marker the module's local database has a body signature for. */
    private static final String MARKER = "DESKPLANE-TEST-MALWARE-MARKER-5d1c0e7a";
    private static final String SIGNATURE = "Deskplane.Test.Marker-1";
    private static final String PID = "org.deskplane.module.clamscan";
    private static final String BY = "org.deskplane.module.clamscan";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static BundleContext context;
    private static Path jar;
    private static Path work;
    private static Bundle module;
    private static int revision;
    private static final Map<Class<?>, ServiceTracker<?, ?>> trackers = new HashMap<>();

    @BeforeAll
    static void installModule() throws Exception {
        context = FrameworkUtil.getBundle(ClamScanModuleTest.class).getBundleContext();
        jar = BuiltModule.path("deskplane.test.moduleJar");
        work = Files.createDirectories(Path.of(System.getProperty("deskplane.test.workDir", "target/work")));
        module = BuiltModule.install(context, jar);
        module.start();
        awaitHandler(null);
    }

    @AfterAll
    static void uninstallModule() throws Exception {
        if (module != null) {
            module.uninstall();
        }
        trackers.values().forEach(ServiceTracker::close);
    }

    @AfterEach
    void defaultConfiguration() throws Exception {
        Configuration configuration = service(ConfigurationAdmin.class).getConfiguration(PID, "?");
        if (configuration.getProperties() != null) {
            configuration.delete();
        }
        awaitHandler(null);
    }

    @Test
    void theMarkerInARawDiskImageVetoesTheStartNamingSignatureAndFile() throws Exception {
        Path infected = rawImage("infected: a name with a colon.img", true); // clamscan prints "<file>: <sig> FOUND"
        Path clean = rawImage("second-disk.img", false);

        List<RecordingVeto.Vote> votes = startVm("infected-vm", infected, clean);

        assertEquals(1, votes.size(), "one veto: " + votes);
        assertEquals(BY, votes.get(0).by());
        String reason = votes.get(0).reason();
        assertTrue(reason.contains(SIGNATURE), "names the signature: " + reason);
        assertTrue(reason.contains(infected.toString()), "names the file: " + reason);
        assertFalse(reason.contains(clean.toString()), "not the clean disk: " + reason);
        assertTrue(reason.contains("infected-vm"), "names the VM: " + reason);
    }

    @Test
    void cleanDiskImagesStartWithoutVeto() throws Exception {
        List<RecordingVeto.Vote> votes = startVm("clean-vm", rawImage("clean-1.img", false),
                rawImage("clean-2.img", false));
        assertEquals(List.of(), votes, "a clean scan does not veto");
    }

    @Test
    void aHostFolderConfiguredForTheVmIsScannedToo() throws Exception {
        Path folder = Files.createDirectories(work.resolve("shared-" + UUID.randomUUID()).resolve("nested"));
        Files.writeString(folder.resolve("setup.exe"), "MZ... " + MARKER + " ...");
        configure(Map.of("vmFolders", new String[] { "folder-vm=" + folder.getParent() }));

        List<RecordingVeto.Vote> other = startVm("other-vm", rawImage("other.img", false));
        assertEquals(List.of(), other, "the folder is configured for another VM only");

        List<RecordingVeto.Vote> votes = startVm("folder-vm", rawImage("folder-vm.img", false));
        assertEquals(1, votes.size(), "vetoed for the infected file in its folder: " + votes);
        assertTrue(votes.get(0).reason().contains(SIGNATURE) && votes.get(0).reason().contains("setup.exe"),
                votes.get(0).reason());
    }

    @Test
    void withoutClamscanTheStartIsRefusedByDefault() throws Exception {
        configure(Map.of("clamscanPath", work.resolve("no-such-clamscan").toString()));
        List<RecordingVeto.Vote> votes = startVm("unscanned-vm", rawImage("unscanned.img", false));
        assertEquals(1, votes.size(), "fail closed: " + votes);
        assertTrue(votes.get(0).reason().contains("could not run") && votes.get(0).reason().contains("no-such-clamscan"),
                votes.get(0).reason());
    }

    @Test
    void withoutClamscanAndFailOpenTheVmStarts() throws Exception {
        configure(Map.of("clamscanPath", work.resolve("no-such-clamscan").toString(), "failOpen", Boolean.TRUE));
        List<RecordingVeto.Vote> votes = startVm("fail-open-vm", rawImage("fail-open.img", true));
        assertEquals(List.of(), votes, "failOpen lets an unscanned VM start");
    }

    @Test
    void aScannerThatHangsIsStoppedAfterTheTimeoutAndTheStartRefused() throws Exception {
        Path hanging = work.resolve("hanging-clamscan.sh");
        Files.writeString(hanging, "#!/bin/sh\nsleep 300\n");
        Files.setPosixFilePermissions(hanging, PosixFilePermissions.fromString("rwxr-xr-x"));
        configure(Map.of("clamscanPath", hanging.toString(), "timeoutSeconds", 1));

        List<RecordingVeto.Vote> votes = startVm("slow-vm", rawImage("slow.img", false));

        assertEquals(1, votes.size(), "fail closed on a timeout: " + votes);
        assertTrue(votes.get(0).reason().contains("did not finish within 1 s"), votes.get(0).reason());
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("")
                .contains(hanging.toString())), "the hanging scanner was killed");
    }

    @Test
    void theModuleJarIsSignedAndImportsOnlyApiPackages() throws Exception {
        for (String subject : BuiltModule.signerSubjects(jar)) {
            assertTrue(subject.contains("CN=Deskplane Test Module Signer"), subject);
        }
        for (String name : BuiltModule.importedPackages(module.getHeaders("").get("Import-Package"))) {
            assertTrue(name.startsWith("org.osgi.") || name.startsWith("org.deskplane.") && name.endsWith(".api"),
                    "only API packages: " + name);
        }
    }

    /** Sends the VM start event as the host does (synchronously) and returns the vetoes it collected. */
    private static List<RecordingVeto.Vote> startVm(String name, Path... disks) {
        RecordingVeto veto = new RecordingVeto();
        Map<String, Object> properties = new HashMap<>();
        properties.put(LifecycleTopics.PROPERTY_VM, UUID.randomUUID().toString());
        properties.put(LifecycleTopics.PROPERTY_VM_NAME, name);
        properties.put(LifecycleTopics.PROPERTY_IMAGE, "test-image");
        properties.put(LifecycleTopics.PROPERTY_DISKS, java.util.Arrays.stream(disks).map(Path::toString)
                .toArray(String[]::new));
        properties.put(LifecycleTopics.PROPERTY_VETO, veto);
        service(EventAdmin.class).sendEvent(new Event(LifecycleTopics.VM_STARTING, properties));
        return veto.votes();
    }

    /** A raw disk image: 1 MiB of random bytes, with the marker somewhere in the middle when infected. */
    private static Path rawImage(String name, boolean infected) throws IOException {
        byte[] image = new byte[1024 * 1024];
        new Random(name.hashCode()).nextBytes(image);
        if (infected) {
            byte[] marker = MARKER.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(marker, 0, image, 512 * 1024 + 37, marker.length);
        }
        Path file = work.resolve(UUID.randomUUID() + "-" + name);
        Files.write(file, image);
        return file;
    }

    /** Sets the module's configuration and waits until its component runs with it. */
    private static void configure(Map<String, Object> values) throws Exception {
        Dictionary<String, Object> properties = new Hashtable<>(values);
        String mark = "r" + (++revision);
        properties.put("test.revision", mark);
        service(ConfigurationAdmin.class).getConfiguration(PID, "?").update(properties);
        awaitHandler(mark);
    }

    /** Waits for the module's handler service with the given configuration mark (null: the default one). */
    private static void awaitHandler(String mark) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            for (ServiceReference<?> reference : module.getRegisteredServices() == null ? new ServiceReference<?>[0]
                    : module.getRegisteredServices()) {
                Object objectClass = reference.getProperty("objectClass");
                boolean handler = objectClass instanceof String[] names
                        && List.of(names).contains(EventHandler.class.getName());
                if (handler && java.util.Objects.equals(mark, reference.getProperty("test.revision"))) {
                    return;
                }
            }
            Thread.sleep(50); // polling with a deadline: Configuration Admin applies updates asynchronously
        }
        throw new AssertionError("the module's EventHandler with configuration " + mark + " did not appear in " + WAIT);
    }

    /**
     * The service, from a tracker kept open until the end of the class: closing it would release a per-bundle
     * service object (Configuration Admin's) that is still in use.
     */
    private static <T> T service(Class<T> type) {
        @SuppressWarnings("unchecked")
        ServiceTracker<T, T> tracker = (ServiceTracker<T, T>) trackers.computeIfAbsent(type, key -> {
            ServiceTracker<T, T> opened = new ServiceTracker<>(context, type, null);
            opened.open();
            return opened;
        });
        try {
            T found = tracker.waitForService(WAIT.toMillis());
            assertNotNull(found, type.getName() + " is not there");
            return found;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
