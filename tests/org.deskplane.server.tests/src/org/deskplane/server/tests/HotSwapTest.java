package org.deskplane.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;


/**
 * Hot swap under load: clients keep calling an endpoint of the inventory bundle while an admin updates that
 * bundle to a new version through the REST API, stops it and starts it again. Every answer must be a 200 or
 * the documented 503; nothing may fail, hang or leak.
 */
class HotSwapTest extends SignedInAsAdmin {

    private static final String PROVIDER = "org.deskplane.inventory";
    private static final String ENDPOINT = "/inventory/summary";



    /** What the load clients saw. */
    static final class Load implements AutoCloseable {
        final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        final Set<String> versions = ConcurrentHashMap.newKeySet();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Thread> threads = new ArrayList<>();

        Load(ApiClient api, String token, int clients) {
            for (int i = 0; i < clients; i++) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        try {
                            ApiClient.Response r = api.get(ENDPOINT, token);
                            statuses.merge(r.status(), 1, Integer::sum);
                            if (r.status() == 200) {
                                versions.add(r.json().get("provider").get("version").asText());
                            } else if (r.status() == 503) {
                                if (!r.json().get("detail").asText().contains("inventory")
                                        || r.headers().firstValue("Retry-After").isEmpty()) {
                                    failures.add("503 without the documented message: " + r.text());
                                }
                            } else {
                                failures.add(r.status() + " " + r.text());
                            }
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                }, "hot-swap-client-" + i);
                t.start();
                threads.add(t);
            }
        }

        int count(int status) {
            return statuses.getOrDefault(status, 0);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(60_000);
                assertTrue(!t.isAlive(), t.getName() + " hangs");
            }
        }
    }

    @Test
    void updateStopStartUnderLoadFailsNoRequest() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        Bundle provider = Stream.of(context.getBundles()).filter(b -> b.getSymbolicName().equals(PROVIDER))
                .findFirst().orElseThrow();
        long id = provider.getBundleId();
        Version oldVersion = provider.getVersion();
        Version newVersion = new Version(oldVersion.getMajor(), oldVersion.getMinor(), oldVersion.getMicro() + 1,
                "hotswap");
        byte[] newJar = rebuildWithVersion(provider, newVersion);
        int threadsBefore = Thread.activeCount();
        Load load = new Load(api, adminToken, 3);
        try (load) {
            waitUntil(l -> l.count(200) >= 30, load, "clients never got going");

            long updateStarted = System.nanoTime();
            ApiClient.Response updated = api.send("POST", "/bundles/" + id + "/update", adminToken, newJar,
                    "application/java-archive");
            assertEquals(200, updated.status(), updated.text());
            assertEquals(newVersion.toString(), updated.json().get("version").asText());
            waitUntil(l -> l.versions.contains(newVersion.toString()), load, "new version never served");
            long swapMillis = (System.nanoTime() - updateStarted) / 1_000_000;
            System.out.println("HOT-SWAP: update request to new version serving: " + swapMillis + " ms");

            int before503 = load.count(503);
            assertEquals(200, api.send("POST", "/bundles/" + id + "/stop", adminToken, null, null).status());
            waitUntil(l -> l.count(503) > before503 + 5, load, "stopped provider did not answer 503");
            ApiClient.Response stopped = api.get(ENDPOINT, adminToken);
            assertEquals(503, stopped.status());
            assertEquals("application/problem+json", stopped.contentType().split(";")[0]);

            assertEquals(200, api.send("POST", "/bundles/" + id + "/start", adminToken, null, null).status());
            int before200 = load.count(200);
            waitUntil(l -> l.count(200) > before200 + 30, load, "restarted provider did not serve again");
        }

        assertEquals(List.of(), load.failures, "requests failed outside the documented 503 window");
        assertTrue(load.statuses.keySet().stream().allMatch(s -> s == 200 || s == 503),
                "unexpected statuses " + new TreeMap<>(load.statuses));
        System.out.println("HOT-SWAP: answers " + new TreeMap<>(load.statuses));

        // nothing leaked: one inventory resource, registered by the current revision, no pile of threads
        ServiceReference<?>[] resources = context.getAllServiceReferences("org.deskplane.rest.api.ApiResource",
                "(deskplane.api.name=inventory)");
        assertEquals(1, resources == null ? 0 : resources.length, "inventory resources registered");
        assertEquals(newVersion, resources[0].getBundle().getVersion());
        assertEquals(Bundle.ACTIVE, context.getBundle(id).getState());
        assertTrue(Thread.activeCount() <= threadsBefore + 10,
                "threads grew from " + threadsBefore + " to " + Thread.activeCount());
        assertNotEquals(oldVersion, context.getBundle(id).getVersion());
    }

    private static void waitUntil(Predicate<Load> condition, Load load, String message) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.test(load)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message + "; answers so far " + new TreeMap<>(load.statuses)
                        + ", failures " + load.failures);
            }
            Thread.sleep(20);
        }
    }

    /** The provider's own content with a new Bundle-Version: a real new version to update to. */
    static byte[] rebuildWithVersion(Bundle bundle, Version version) throws IOException {
        Manifest manifest;
        try (InputStream in = bundle.getEntry("META-INF/MANIFEST.MF").openStream()) {
            manifest = new Manifest(in);
        }
        manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version.toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            for (URL entry : Collections.list(bundle.findEntries("/", "*", true))) {
                String name = entry.getPath().substring(1);
                if (name.endsWith("/") || name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = entry.openStream()) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
