package org.deskplane.workbench.testing;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;

/**
 * The application context the Equinox launcher would give the workbench product: its branding properties
 * are read from the product extension in org.deskplane.workbench's plugin.xml, so the test starts what the
 * product starts (application model, life cycle, persisted-state settings).
 */
public final class ProductApplicationContext implements IApplicationContext {

    static final String PRODUCT_ID = "org.deskplane.workbench.product";

    private final Map<String, String> properties = new HashMap<>();
    private String productName;

    public ProductApplicationContext() {
        IExtension product = RegistryFactory.getRegistry().getExtension("org.eclipse.core.runtime.products",
                PRODUCT_ID);
        if (product == null) {
            throw new IllegalStateException("No product extension " + PRODUCT_ID + " in the registry");
        }
        for (IConfigurationElement element : product.getConfigurationElements()) {
            productName = element.getAttribute("name");
            for (IConfigurationElement property : element.getChildren("property")) {
                properties.put(property.getAttribute("name"), property.getAttribute("value"));
            }
        }
    }

    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public Map<String, Object> getArguments() {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put(IApplicationContext.APPLICATION_ARGS, new String[0]);
        return arguments;
    }

    @Override
    public void applicationRunning() {
        // no splash screen to take down
    }

    @Override
    public String getBrandingApplication() {
        return "org.eclipse.e4.ui.workbench.swt.E4Application";
    }

    @Override
    public String getBrandingName() {
        return productName;
    }

    @Override
    public String getBrandingDescription() {
        return productName;
    }

    @Override
    public String getBrandingId() {
        return PRODUCT_ID;
    }

    @Override
    public String getBrandingProperty(String key) {
        return properties.get(key);
    }

    @Override
    public Bundle getBrandingBundle() {
        return null;
    }

    @Override
    public void setResult(Object result, IApplication application) {
        // the test waits for the UI thread instead
    }
}
