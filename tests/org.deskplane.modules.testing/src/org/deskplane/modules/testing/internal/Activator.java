package org.deskplane.modules.testing.internal;

import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModulePolicies;
import org.deskplane.modules.api.ModuleTrust;
import org.deskplane.modules.testing.InMemoryModuleHost;
import org.deskplane.modules.testing.InMemoryModulePolicies;
import org.deskplane.modules.testing.InMemoryModuleTrust;
import org.deskplane.rest.api.ApiResource;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Registers the in-memory services when the bundle is started (a UI test installs and starts it in the real server),
 * unless the framework property {@value #REGISTER} is {@code false} or a module host is already there; and always the
 * test-only guest routes ({@link GuestRequests}). Unit tests construct the classes themselves and do not start this
 * bundle.
 */
public final class Activator implements BundleActivator {

    static final String REGISTER = "deskplane.modules.testing.register";

    @Override
    public void start(BundleContext context) {
        context.registerService(ApiResource.class, new GuestRequests(context),
                new java.util.Hashtable<>(java.util.Map.of(ApiResource.NAME_PROPERTY, "modules-testing")));
        if ("false".equals(context.getProperty(REGISTER)) || context.getServiceReference(ModuleHost.class) != null) {
            return;
        }
        InMemoryModuleTrust trust = new InMemoryModuleTrust();
        InMemoryModulePolicies policies = new InMemoryModulePolicies();
        InMemoryModuleHost host = new InMemoryModuleHost(trust, policies);
        context.registerService(ModuleTrust.class, trust, null);
        context.registerService(ModulePolicies.class, policies, null);
        context.registerService(ModuleHost.class, host, null);
    }

    @Override
    public void stop(BundleContext context) {
        // services go with the bundle
    }
}
