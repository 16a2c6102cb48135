package org.deskplane.hypervisor.demo.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The libvirt connection configurations, as seen and created through ConfigurationAdmin. */
final class DemoConnections {

    /** The libvirt provider's factory PID (org.deskplane.hypervisor.libvirt). */
    static final String FACTORY_PID = "org.deskplane.hypervisor.libvirt.connection";
    /** Set on the configurations this bundle creates, so that they can be told apart from an admin's. */
    static final String DEMO_PROPERTY = "deskplane.demo";

    private final ConfigurationAdmin configurationAdmin;

    DemoConnections(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    /** Every libvirt connection configuration, whoever made it. */
    List<Configuration> all() throws IOException {
        return list("(service.factoryPid=" + FACTORY_PID + ")");
    }

    /** The connection configurations this bundle created (and nobody deleted since). */
    List<Configuration> demo() throws IOException {
        return list("(&(service.factoryPid=" + FACTORY_PID + ")(" + DEMO_PROPERTY + "=true))");
    }

    private List<Configuration> list(String filter) throws IOException {
        try {
            Configuration[] found = configurationAdmin.listConfigurations(filter);
            return found == null ? List.of() : List.of(found);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // constant filters
        }
    }

    /**
     * Creates (or, for an existing name, leaves alone) the named factory configuration {@code <pid>~<id>}. Named
     * configurations make a repeated call harmless: it finds the one made before.
     *
     * @return whether a configuration was created
     */
    boolean create(String id, String uri) throws IOException {
        Configuration configuration = configurationAdmin.getFactoryConfiguration(FACTORY_PID, id, "?");
        if (configuration.getProperties() != null) {
            return false;
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("connection.id", id);
        properties.put("uri", uri);
        properties.put(DEMO_PROPERTY, Boolean.TRUE);
        configuration.update(properties);
        return true;
    }

    static List<String> ids(List<Configuration> configurations) {
        List<String> ids = new ArrayList<>();
        for (Configuration configuration : configurations) {
            Dictionary<String, Object> properties = configuration.getProperties();
            Object id = properties == null ? null : properties.get("connection.id");
            ids.add(id == null ? configuration.getPid() : id.toString());
        }
        return ids;
    }
}
