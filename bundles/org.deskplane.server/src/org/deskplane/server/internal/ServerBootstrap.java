package org.deskplane.server.internal;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;

/**
 * Applies the start options: TLS identity, then the Jetty configuration of the HTTP whiteboard (through
 * Configuration Admin, PID {@value #JETTY_PID}). The product starts Jetty with both connectors disabled, so
 * nothing listens until this component has said how; it announces the URL once Jetty reports its endpoint.
 */
@Component(immediate = true)
public class ServerBootstrap {

    static final String JETTY_PID = "org.apache.felix.http";

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference
    private ConfigurationAdmin configurationAdmin;

    private volatile ServerOptions options;
    private volatile String fingerprint;
    private volatile String announced;

    @Activate
    void activate(BundleContext context) {
        try {
            options = ServerOptions.from(context::getProperty);
        } catch (IllegalArgumentException e) {
            Console.error("Deskplane: " + e.getMessage());
            log.error("Not listening: " + e.getMessage());
            return;
        }
        try {
            Hashtable<String, Object> jetty = new Hashtable<>();
            jetty.put("org.apache.felix.http.host", options.bind());
            jetty.put("org.apache.felix.http.name", "deskplane");
            // our own error answers are problem details; hide the Jetty version
            jetty.put("org.apache.felix.http.jetty.sendServerHeader", false);
            if (options.plainHttp()) {
                jetty.put("org.apache.felix.http.enable", true);
                jetty.put("org.osgi.service.http.port", options.port());
                jetty.put("org.apache.felix.https.enable", false);
            } else {
                TlsIdentity tls = TlsIdentity.loadOrCreate(options.dataDir(), options.bind());
                fingerprint = tls.sha256Fingerprint();
                jetty.put("org.apache.felix.http.enable", false);
                jetty.put("org.apache.felix.https.enable", true);
                jetty.put("org.osgi.service.http.port.secure", options.port());
                jetty.put("org.apache.felix.https.keystore", tls.keystore().toString());
                jetty.put("org.apache.felix.https.keystore.type", "PKCS12");
                jetty.put("org.apache.felix.https.keystore.password", tls.password());
                jetty.put("org.apache.felix.https.keystore.key.password", tls.password());
            }
            Configuration config = configurationAdmin.getConfiguration(JETTY_PID, "?");
            config.updateIfDifferent(jetty);
            log.info("HTTP endpoint configured: " + options.scheme() + " on " + options.bind() + ":" + options.port()
                    + ", data directory " + options.dataDir());
        } catch (IOException | java.security.GeneralSecurityException e) {
            Console.error("Deskplane: cannot set up the HTTPS endpoint: " + e.getMessage());
            log.error("Cannot set up the HTTPS endpoint", e);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindRuntime(HttpServiceRuntime runtime, Map<String, Object> properties) {
        announce(properties);
    }

    void updatedRuntime(HttpServiceRuntime runtime, Map<String, Object> properties) {
        announce(properties);
    }

    void unbindRuntime(HttpServiceRuntime runtime) {
        // nothing to undo: the next endpoint is announced when it comes
    }

    /** Prints where the server listens, once per distinct endpoint that matches our options. */
    private void announce(Map<String, Object> properties) {
        ServerOptions current = options;
        if (current == null) {
            return;
        }
        String suffix = ":" + current.port() + "/";
        for (String endpoint : endpoints(properties.get("osgi.http.endpoint"))) {
            if (endpoint.startsWith(current.scheme() + "://") && endpoint.endsWith(suffix)
                    && !endpoint.equals(announced)) {
                announced = endpoint;
                String url = current.displayUrl(current.port());
                String message = "Deskplane server ready at " + url + " (API: " + url + "api/, OpenAPI: " + url
                        + "api/openapi.json)" + (fingerprint != null
                                ? "; TLS certificate SHA-256 fingerprint " + fingerprint : "");
                Console.out(message);
                log.info(message);
                return;
            }
        }
    }

    private static String[] endpoints(Object value) {
        if (value instanceof String s) {
            return new String[] { s };
        }
        if (value instanceof String[] a) {
            return a;
        }
        if (value instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toArray(String[]::new);
        }
        return new String[0];
    }

}
