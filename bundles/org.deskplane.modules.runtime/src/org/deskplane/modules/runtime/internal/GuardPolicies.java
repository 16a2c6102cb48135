package org.deskplane.modules.runtime.internal;

import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The state behind {@link org.deskplane.modules.runtime.guard.ModuleGuard}: which bundles are modules, each
 * module's policy, and where refusals are recorded. Static because woven classes reach it through a static call;
 * set by {@link RuntimeComponent} when it activates. Until then every guarded call is refused (deny by default).
 */
public final class GuardPolicies {

    /** The runtime's view while it is active; null while it is not. */
    record State(Predicate<Bundle> isModule, Function<Bundle, ModulePolicy> policies,
            BiConsumer<Bundle, String> refusals) {
    }

    private static volatile State state;

    private GuardPolicies() {
    }

    static void install(State newState) {
        state = newState;
    }

    static void uninstall(State oldState) {
        if (state == oldState) {
            state = null;
        }
    }

    static boolean isModule(Bundle bundle) {
        State current = state;
        return current != null && bundle != null && current.isModule().test(bundle);
    }

    /** Called (through ModuleGuard) by woven module code; throws SecurityException when refused. */
    public static void check(Class<?> caller, String site, Object[] args) {
        Bundle bundle = caller == null ? null : FrameworkUtil.getBundle(caller);
        State current = state;
        if (current == null || bundle == null) {
            throw new SecurityException(site + " refused: the module runtime is not active");
        }
        int dot = site.lastIndexOf('.');
        String owner = site.substring(0, dot);
        String name = site.substring(dot + 1);
        // no arguments: a method reference (invokedynamic), whose future arguments cannot be checked here
        String refusal = args == null ? "method reference to " + site.replace('/', '.') + " (call it directly)"
                : AccessRules.decide(caller, bundle, current.policies().apply(bundle), owner, name, args);
        if (refusal != null) {
            String message = refusal + " refused for module " + bundle.getSymbolicName();
            current.refusals().accept(bundle, message);
            throw new SecurityException(message);
        }
    }
}
