package org.deskplane.modules.runtime.internal;

import java.util.List;

import org.eclipse.equinox.region.Region;
import org.eclipse.equinox.region.RegionDigraph;
import org.eclipse.equinox.region.RegionDigraph.FilteredRegion;
import org.eclipse.equinox.region.RegionFilter;
import org.eclipse.equinox.region.RegionFilterBuilder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.VersionRange;

/**
 * Finds (the digraph persists across restarts) or creates the module region and (re)connects it to the region
 * the server runs in: modules see only the granted packages and services of the server, the server sees all of
 * the modules (the services they register, e.g. channel handlers and event handlers).
 */
final class RegionSetup {

    static final String MODULE_REGION = "org.deskplane.modules";

    /** Namespaces ordinary bundles need to resolve at all: the execution environment and native code. */
    private static final List<String> RESOLUTION_NAMESPACES = List.of("osgi.ee", "osgi.native");

    private RegionSetup() {
    }

    static Region connect(RegionDigraph digraph, Bundle server, List<String> packages, List<String> services)
            throws BundleException, InvalidSyntaxException {
        Region kernel = digraph.getRegion(server);
        if (kernel == null) {
            throw new BundleException("the module runtime bundle is in no region");
        }
        Region modules = digraph.getRegion(MODULE_REGION);
        if (modules == null) {
            modules = digraph.createRegion(MODULE_REGION);
        }
        connectOrReplace(digraph, modules, grantFilter(digraph, packages, services), kernel);
        connectOrReplace(digraph, kernel,
                digraph.createRegionFilterBuilder().allowAll(RegionFilter.VISIBLE_ALL_NAMESPACE).build(), modules);
        return modules;
    }

    static RegionFilter grantFilter(RegionDigraph digraph, List<String> packages, List<String> services)
            throws InvalidSyntaxException {
        RegionFilterBuilder builder = digraph.createRegionFilterBuilder();
        for (String namespace : RESOLUTION_NAMESPACES) {
            builder.allowAll(namespace);
        }
        // Declarative Services (SCR, in the server region) must be able to extend module bundles
        builder.allow("osgi.extender", "(osgi.extender=osgi.component)");
        builder.allow(RegionFilter.VISIBLE_PACKAGE_NAMESPACE,
                packageFilter(GuardWeaver.GUARD_PACKAGE + ";version=\"[1.0,2.0)\""));
        for (String grant : packages) {
            builder.allow(RegionFilter.VISIBLE_PACKAGE_NAMESPACE, packageFilter(grant));
        }
        for (String service : services) {
            builder.allow(RegionFilter.VISIBLE_SERVICE_NAMESPACE, "(objectClass=" + escape(service.trim()) + ")");
        }
        return builder.build();
    }

    /** {@code name[;version="range"]} → an LDAP filter on the osgi.wiring.package capability. */
    static String packageFilter(String grant) throws InvalidSyntaxException {
        String[] parts = grant.split(";", 2);
        String name = parts[0].trim();
        if (name.isEmpty() || !name.matches("[A-Za-z0-9_.$]+(\\.\\*)?")) {
            throw new InvalidSyntaxException("not a package name or pattern", grant);
        }
        // a trailing .* is an LDAP substring match, and names the package itself too: "org.eclipse.swt.*" grants
        // org.eclipse.swt as well as org.eclipse.swt.widgets
        String nameFilter = name.endsWith(".*")
                ? "(|(osgi.wiring.package=" + name.substring(0, name.length() - 2) + ")(osgi.wiring.package=" + name + "))"
                : "(osgi.wiring.package=" + name + ")";
        if (parts.length == 1) {
            return nameFilter;
        }
        String attribute = parts[1].trim();
        if (!attribute.startsWith("version=")) {
            throw new InvalidSyntaxException("only a version attribute is supported", grant);
        }
        String range = attribute.substring("version=".length()).replace("\"", "").trim();
        return "(&" + nameFilter + new VersionRange(range).toFilterString("version") + ")";
    }

    private static void connectOrReplace(RegionDigraph digraph, Region tail, RegionFilter filter, Region head)
            throws BundleException {
        for (FilteredRegion edge : tail.getEdges()) {
            if (edge.getRegion().equals(head)) {
                digraph.replaceConnection(tail, filter, head);
                return;
            }
        }
        digraph.connect(tail, filter, head);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
