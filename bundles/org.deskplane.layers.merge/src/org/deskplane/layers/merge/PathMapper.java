package org.deskplane.layers.merge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.PathMapping;

/**
 * Applies {@link PathMapping} rules in both directions: CVD layout → endpoint layout for files coming down, and back
 * for files going up. The longest matching prefix (whole path segments) wins; a path no rule matches keeps its
 * place. A path is only mapped when it maps back to itself, so two CVD files can never land on one endpoint path
 * (e.g. with {@code Documents → My Documents}, a CVD file already under {@code My Documents/} has no place and is
 * refused). An empty prefix stands for the root of the layer.
 */
public final class PathMapper {

    private final List<PathMapping> byCvdPrefix;
    private final List<PathMapping> byEndpointPrefix;

    /**
     * @throws IllegalArgumentException when a prefix is absolute, contains "." / ".." segments or backslashes, or
     *                                  two rules share a prefix on one side (the mapping would not be reversible)
     */
    public PathMapper(List<PathMapping> rules) {
        Set<String> cvd = new HashSet<>();
        Set<String> endpoint = new HashSet<>();
        for (PathMapping rule : rules) {
            String c = checkedPrefix(rule.cvdPrefix());
            String e = checkedPrefix(rule.endpointPrefix());
            if (!cvd.add(c)) {
                throw new IllegalArgumentException("two path mappings for the CVD prefix '" + c + "'");
            }
            if (!endpoint.add(e)) {
                throw new IllegalArgumentException("two path mappings onto the endpoint prefix '" + e + "'");
            }
        }
        List<PathMapping> normalized = rules.stream()
                .map(r -> new PathMapping(strip(r.cvdPrefix()), strip(r.endpointPrefix()))).toList();
        byCvdPrefix = sortedLongestFirst(normalized, true);
        byEndpointPrefix = sortedLongestFirst(normalized, false);
    }

    public static PathMapper identity() {
        return new PathMapper(List.of());
    }

    /** Where a CVD path goes on the endpoint; empty when it has no place there (it would collide or escape). */
    public Optional<String> toEndpoint(String cvdPath) {
        Optional<String> mapped = map(cvdPath, byCvdPrefix, true);
        return mapped.filter(e -> map(e, byEndpointPrefix, false).filter(cvdPath::equals).isPresent());
    }

    /** Where an endpoint path belongs in the CVD; empty when it has no place there. */
    public Optional<String> toCvd(String endpointPath) {
        Optional<String> mapped = map(endpointPath, byEndpointPrefix, false);
        return mapped.filter(c -> map(c, byCvdPrefix, true).filter(endpointPath::equals).isPresent());
    }

    /**
     * The endpoint file of a CVD path under {@code root}, refusing anything that would resolve outside it.
     *
     * @throws IllegalArgumentException when the path has no place or escapes the root
     */
    public Path resolveOnEndpoint(Path root, String cvdPath) {
        String endpointPath = toEndpoint(cvdPath)
                .orElseThrow(() -> new IllegalArgumentException("no place on this endpoint for " + cvdPath));
        Path base = root.toAbsolutePath().normalize();
        Path resolved = base.resolve(endpointPath).normalize();
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            throw new IllegalArgumentException("'" + cvdPath + "' would leave the endpoint's root");
        }
        return resolved;
    }

    private static Optional<String> map(String path, List<PathMapping> rules, boolean fromCvd) {
        if (!FileEntry.validPath(path)) {
            return Optional.empty();
        }
        for (PathMapping rule : rules) {
            String from = fromCvd ? rule.cvdPrefix() : rule.endpointPrefix();
            String to = fromCvd ? rule.endpointPrefix() : rule.cvdPrefix();
            String rest;
            if (from.isEmpty()) {
                rest = path;
            } else if (path.equals(from)) {
                rest = "";
            } else if (path.startsWith(from + "/")) {
                rest = path.substring(from.length() + 1);
            } else {
                continue;
            }
            String result = to.isEmpty() ? rest : rest.isEmpty() ? to : to + "/" + rest;
            return FileEntry.validPath(result) ? Optional.of(result) : Optional.empty();
        }
        return Optional.of(path);
    }

    private static List<PathMapping> sortedLongestFirst(List<PathMapping> rules, boolean byCvd) {
        List<PathMapping> sorted = new ArrayList<>(rules);
        Comparator<PathMapping> bySegments = Comparator
                .comparingInt(r -> segments(byCvd ? r.cvdPrefix() : r.endpointPrefix()));
        sorted.sort(bySegments.reversed());
        return List.copyOf(sorted);
    }

    private static int segments(String prefix) {
        return prefix.isEmpty() ? 0 : prefix.split("/").length;
    }

    private static String strip(String prefix) {
        String p = prefix == null ? "" : prefix;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static String checkedPrefix(String prefix) {
        String p = strip(prefix);
        if (!p.isEmpty() && !FileEntry.validPath(p)) {
            throw new IllegalArgumentException("path mapping prefix must be a relative path inside the root: '" + prefix + "'");
        }
        return p;
    }
}
