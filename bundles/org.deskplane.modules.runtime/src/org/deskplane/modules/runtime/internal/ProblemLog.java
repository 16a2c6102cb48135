package org.deskplane.modules.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * What the runtime saw modules do wrong, per bundle id (kept after uninstall so the host can still show it), each
 * problem also posted on {@value #TOPIC}.
 */
final class ProblemLog {

    static final String TOPIC = "org/deskplane/modules/PROBLEM";
    private static final int MAX_PER_MODULE = 50;

    private final Map<Long, List<String>> problems = new ConcurrentHashMap<>();
    private final Supplier<EventAdmin> events;

    ProblemLog(Supplier<EventAdmin> events) {
        this.events = events;
    }

    void record(Bundle bundle, String problem) {
        List<String> list = problems.computeIfAbsent(bundle.getBundleId(), id -> new ArrayList<>());
        synchronized (list) {
            if (list.size() >= MAX_PER_MODULE) {
                list.remove(0); // a module refused in a loop must not grow this without bound
            }
            list.add(problem);
        }
        EventAdmin admin = events.get();
        if (admin != null) {
            admin.postEvent(new Event(TOPIC, Map.of("bundle.symbolicName", String.valueOf(bundle.getSymbolicName()),
                    "bundle.version", bundle.getVersion().toString(), "bundle.id", bundle.getBundleId(),
                    "problem", problem)));
        }
    }

    List<String> problems(long bundleId) {
        List<String> list = problems.get(bundleId);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }
}
