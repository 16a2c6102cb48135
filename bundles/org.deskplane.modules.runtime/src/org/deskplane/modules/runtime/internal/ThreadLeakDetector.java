package org.deskplane.modules.runtime.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Finds threads still running a module's code after it stopped (a frame of one of its classes on their stack),
 * gives them a short grace period to end, then interrupts them and names them.
 */
final class ThreadLeakDetector {

    private static final Duration GRACE = Duration.ofSeconds(1);

    /** The module's class names; read while the bundle is still resolved (before uninstall). */
    Set<String> classNames(Bundle bundle) {
        Set<String> names = new HashSet<>();
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return names;
        }
        for (String resource : wiring.listResources("/", "*.class",
                BundleWiring.LISTRESOURCES_RECURSE | BundleWiring.LISTRESOURCES_LOCAL)) {
            names.add(resource.substring(0, resource.length() - ".class".length()).replace('/', '.'));
        }
        return names;
    }

    /** @return the names of the threads that were still running module code after the grace period */
    List<String> interruptLeaked(Set<String> classNames, Set<Thread> exempt) throws InterruptedException {
        if (classNames.isEmpty()) {
            return List.of();
        }
        long deadline = System.nanoTime() + GRACE.toNanos();
        List<Thread> leaked = find(classNames, exempt);
        while (!leaked.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling with a deadline: threads told to stop usually end within moments
            leaked = find(classNames, exempt);
        }
        List<String> names = new ArrayList<>();
        for (Thread thread : leaked) {
            thread.interrupt();
            names.add(thread.getName());
        }
        return names;
    }

    private static List<Thread> find(Set<String> classNames, Set<Thread> exempt) {
        List<Thread> found = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            if (thread == Thread.currentThread() || exempt.contains(thread) || !thread.isAlive()) {
                continue;
            }
            for (StackTraceElement frame : entry.getValue()) {
                String name = frame.getClassName();
                int hidden = name.indexOf("$$Lambda");
                if (classNames.contains(hidden < 0 ? name : name.substring(0, hidden))) {
                    found.add(thread);
                    break;
                }
            }
        }
        return found;
    }
}
