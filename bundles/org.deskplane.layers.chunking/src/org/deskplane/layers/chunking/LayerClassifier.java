package org.deskplane.layers.chunking;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.deskplane.layers.api.Layer;

/**
 * Says which layer a path of an endpoint's tree belongs to, by ordered glob rules (first match wins); a path no rule
 * matches belongs to the fallback layer, or to none (excluded) when the fallback is empty.
 */
public final class LayerClassifier {

    private record Rule(String glob, PathMatcher matcher, Optional<Layer> layer) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private final Optional<Layer> fallback;

    private LayerClassifier(Optional<Layer> fallback) {
        this.fallback = fallback;
    }

    public static LayerClassifier withFallback(Layer fallback) {
        return new LayerClassifier(Optional.of(fallback));
    }

    /** Paths no rule matches are not part of the image. */
    public static LayerClassifier withoutFallback() {
        return new LayerClassifier(Optional.empty());
    }

    /**
     * Parses rules of the form {@code glob = LAYER} or {@code glob = EXCLUDE}, one per line ('#' comments), e.g.
     * {@code home/*}{@code /.* = PROFILE}.
     */
    public static LayerClassifier parse(List<String> lines, Optional<Layer> fallback) {
        LayerClassifier classifier = new LayerClassifier(fallback);
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("line " + number + ": expected 'glob = LAYER' or 'glob = EXCLUDE': " + line);
            }
            String glob = line.substring(0, eq).strip();
            String target = line.substring(eq + 1).strip();
            if (target.equals("EXCLUDE")) {
                classifier.exclude(glob);
            } else {
                try {
                    classifier.put(glob, Layer.valueOf(target));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("line " + number + ": no layer named '" + target + "'", e);
                }
            }
        }
        return classifier;
    }

    public LayerClassifier put(String glob, Layer layer) {
        rules.add(new Rule(glob, matcher(glob), Optional.of(layer)));
        return this;
    }

    public LayerClassifier exclude(String glob) {
        rules.add(new Rule(glob, matcher(glob), Optional.empty()));
        return this;
    }

    /** The layer of a relative '/'-separated path, or empty when the path is not part of the image. */
    public Optional<Layer> layerOf(String relativePath) {
        Path path = Path.of(relativePath);
        for (Rule rule : rules) {
            if (rule.matcher().matches(path)) {
                return rule.layer();
            }
        }
        return fallback;
    }

    /** Whether an explicit exclusion rule is the first to match (a scan then skips a directory's whole subtree). */
    public boolean excluded(String relativePath) {
        Path path = Path.of(relativePath);
        for (Rule rule : rules) {
            if (rule.matcher().matches(path)) {
                return rule.layer().isEmpty();
            }
        }
        return false;
    }

    private static PathMatcher matcher(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }
}
