package org.deskplane.rest.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.deskplane.rest.api.Route;

/**
 * The live set of routes. A provider that goes away leaves its routes behind as "retired": requests for
 * them get 503 instead of 404 until the provider is back (bundle update or restart) or its bundle is
 * uninstalled. Removing a provider waits (bounded) for its requests in flight to finish, so that a swap
 * never pulls a component out from under a running request.
 */
final class RouteTable {

    /** The routes of one registered ApiResource, plus a count of its requests in flight. */
    static final class Provider {
        final String name;
        final long bundleId;
        final List<Entry> entries = new ArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        volatile boolean retired;

        Provider(String name, long bundleId) {
            this.name = name;
            this.bundleId = bundleId;
        }
    }

    record Entry(Route route, PathTemplate template, Provider provider) {
    }

    /** The outcome of a lookup. */
    record Match(Entry entry, Map<String, String> params, Set<String> allowedMethods) {
        boolean found() {
            return entry != null;
        }
    }

    private static final Comparator<Entry> MOST_SPECIFIC_FIRST =
            Comparator.comparingInt((Entry e) -> e.template().specificity()).reversed();

    private final CopyOnWriteArrayList<Provider> providers = new CopyOnWriteArrayList<>();
    /** All entries, most specific first: rebuilt when providers come or go, read by every request. */
    private volatile List<Entry> sorted = List.of();

    synchronized Provider add(String name, long bundleId, List<Route> routes) {
        Provider provider = new Provider(name, bundleId);
        for (Route route : routes) {
            provider.entries.add(new Entry(route, new PathTemplate(route.path()), provider));
        }
        // a provider coming back replaces the retired routes of the same name
        providers.removeIf(p -> p.retired && p.name.equals(name));
        providers.add(provider);
        resort();
        return provider;
    }

    private void resort() {
        List<Entry> all = new ArrayList<>();
        for (Provider p : providers) {
            all.addAll(p.entries);
        }
        all.sort(MOST_SPECIFIC_FIRST);
        sorted = List.copyOf(all);
    }

    /** Marks the provider retired and waits up to {@code maxWait} for its requests in flight. */
    boolean retire(Provider provider, long maxWait, TimeUnit unit) throws InterruptedException {
        provider.retired = true;
        long deadline = System.nanoTime() + unit.toNanos(maxWait);
        synchronized (provider) {
            while (provider.inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(provider, left);
            }
        }
        return true;
    }

    static void finished(Provider provider) {
        if (provider.inFlight.decrementAndGet() == 0) {
            synchronized (provider) {
                provider.notifyAll();
            }
        }
    }

    /** Forgets retired routes of a bundle that is gone for good. */
    synchronized void forgetBundle(long bundleId) {
        if (providers.removeIf(p -> p.retired && p.bundleId == bundleId)) {
            resort();
        }
    }

    Match find(String method, String path) {
        String[] segments = PathTemplate.split(path);
        List<Entry> candidates = sorted;
        Set<String> allowed = new TreeSet<>();
        Entry retiredHit = null;
        Map<String, String> retiredParams = null;
        for (Entry e : candidates) {
            Map<String, String> params = e.template().match(segments);
            if (params == null) {
                continue;
            }
            if (!e.route().method().equals(method)) {
                allowed.add(e.route().method());
                continue;
            }
            if (!e.provider().retired) {
                return new Match(e, params, allowed);
            }
            if (retiredHit == null) {
                retiredHit = e;
                retiredParams = params;
            }
        }
        return retiredHit != null ? new Match(retiredHit, retiredParams, allowed) : new Match(null, Map.of(), allowed);
    }

    /** Live (not retired) entries, for the OpenAPI document. */
    List<Entry> liveEntries() {
        List<Entry> all = new ArrayList<>();
        for (Provider p : providers) {
            if (!p.retired) {
                all.addAll(p.entries);
            }
        }
        all.sort(Comparator.comparing((Entry e) -> e.template().template()).thenComparing(e -> e.route().method()));
        return all;
    }
}
