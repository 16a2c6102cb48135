package org.deskplane.diagnostics.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deskplane.rest.api.ApiResource;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** {@code GET /diagnostics} → {jvm: {version, uptimeMillis, heapUsed, heapMax}, threads, bundles}. */
@Component(service = ApiResource.class, property = ApiResource.NAME_PROPERTY + "=diagnostics")
public class DiagnosticsApiResource implements ApiResource {
    private final BundleContext context;

    @Activate
    public DiagnosticsApiResource(BundleContext context) {
        this.context = context;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/diagnostics", Role.OPERATOR, "JVM, thread and bundle counts",
                request -> ApiResult.ok(snapshot())));
    }

    Map<String, Object> snapshot() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("version", Runtime.version().toString());
        jvm.put("uptimeMillis", ManagementFactory.getRuntimeMXBean().getUptime());
        jvm.put("heapUsed", heap.getUsed());
        jvm.put("heapMax", heap.getMax()); // -1 when the JVM has no limit
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("jvm", jvm);
        result.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
        result.put("bundles", context.getBundles().length);
        return result;
    }
}
