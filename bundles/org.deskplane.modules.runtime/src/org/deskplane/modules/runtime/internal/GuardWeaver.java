package org.deskplane.modules.runtime.internal;

import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.hooks.weaving.WeavingException;
import org.osgi.framework.hooks.weaving.WeavingHook;
import org.osgi.framework.hooks.weaving.WovenClass;

/**
 * Weaves the guard checks into the classes of bundles in the module region, and lets them import the guard
 * package dynamically. A module class that cannot be woven is not loaded (WeavingException, which the framework
 * does not hold against the hook).
 */
final class GuardWeaver implements WeavingHook {

    static final String GUARD_PACKAGE = "org.deskplane.modules.runtime.guard";
    private static final String GUARD_IMPORT = GUARD_PACKAGE + ";version=\"[1.0,2.0)\"";

    private final Predicate<Bundle> isModule;

    GuardWeaver(Predicate<Bundle> isModule) {
        this.isModule = isModule;
    }

    @Override
    public void weave(WovenClass wovenClass) {
        Bundle bundle = wovenClass.getBundleWiring().getBundle();
        if (!isModule.test(bundle)) {
            return;
        }
        byte[] rewritten;
        try {
            rewritten = GuardRewriter.rewrite(wovenClass.getBytes());
        } catch (RuntimeException e) {
            throw new WeavingException("cannot guard " + wovenClass.getClassName() + ": " + e.getMessage(), e);
        }
        if (rewritten != null) {
            wovenClass.setBytes(rewritten);
            wovenClass.getDynamicImports().add(GUARD_IMPORT);
        }
    }
}
