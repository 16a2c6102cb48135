package org.deskplane.modules.runtime.guard;

import org.deskplane.modules.runtime.internal.GuardPolicies;

/**
 * Entry point of the checks the runtime weaves into module classes. Modules never call it themselves: the
 * weaver inserts {@code ModuleGuard.check(ThisClass.class, "owner.name", args)} before each guarded call site.
 */
public final class ModuleGuard {

    private ModuleGuard() {
    }

    /**
     * @param caller the woven class making the call (decides whose policy applies)
     * @param site   internal owner name and method name of the guarded call, e.g. {@code java/lang/System.exit}
     * @param args   the call's receiver (for instance calls) and arguments; primitives are passed as null
     * @throws SecurityException when the module may not make this call
     */
    public static void check(Class<?> caller, String site, Object[] args) {
        GuardPolicies.check(caller, site, args);
    }
}
