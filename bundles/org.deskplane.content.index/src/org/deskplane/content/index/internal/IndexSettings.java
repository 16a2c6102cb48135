package org.deskplane.content.index.internal;

import java.util.List;
import java.util.regex.Pattern;

import org.deskplane.content.api.DataSource;
import org.deskplane.content.api.ContentLocation;

/**
 * Which sources are indexed and the caps every build keeps to (from {@link ContentIndexComponent.Config}).
 *
 * @param sources        source id globs to index ('*' matches anything)
 * @param excluded       source id globs never to index
 * @param backends       backends whose sources may be indexed ("share", "disk"; "agent" costs the running guest)
 * @param liveDisks      whether the disk of a running desktop (read live, may be inconsistent) is indexed
 * @param maxFileBytes   bytes read of each file at most; text beyond is not indexed
 * @param maxFiles       files indexed per source at most
 * @param maxTerms       distinct terms per source at most
 * @param maxTermsPerFile distinct terms taken from one file at most
 * @param maxDepth       folder depth walked at most
 * @param refreshMillis  age after which an index is stale and rebuilt when its source is next offered
 */
record IndexSettings(List<String> sources, List<String> excluded, List<String> backends, boolean liveDisks,
        int maxFileBytes, int maxFiles, int maxTerms, int maxTermsPerFile, int maxDepth, long refreshMillis) {

    static final IndexSettings DEFAULTS = new IndexSettings(List.of("share:*", "vm:*", "disk:*"), List.of(),
            List.of("share", "disk"), false, 4 * 1024 * 1024, 50_000, 2_000_000, 200_000, 32, 15 * 60_000L);

    IndexSettings {
        sources = List.copyOf(sources);
        excluded = List.copyOf(excluded);
        backends = List.copyOf(backends);
    }

    static IndexSettings of(ContentIndexComponent.Config config) {
        return new IndexSettings(List.of(config.sources()), List.of(config.excluded()), List.of(config.backends()),
                config.liveDisks(), clamp(config.maxFileBytes(), 1024, 64 * 1024 * 1024),
                clamp(config.maxFiles(), 1, 5_000_000), clamp(config.maxTerms(), 1, 50_000_000),
                clamp(config.maxTermsPerFile(), 1, 5_000_000), clamp(config.maxDepth(), 1, 256),
                Math.max(0, config.refreshMinutes()) * 60_000L);
    }

    /** Whether this source, served from this location now, is to be indexed, or why not (null when it is). */
    String whyNotIndexed(DataSource source, ContentLocation location) {
        String id = source.id();
        if (sources.stream().noneMatch(glob -> matches(glob, id)) || excluded.stream().anyMatch(glob -> matches(glob, id))) {
            return "this data source is not configured for indexing";
        }
        if (!backends.contains(location.backend())) {
            return "sources served by the " + location.backend() + " backend are not indexed (configuration 'backends')";
        }
        if ("disk".equals(location.backend()) && !liveDisks
                && ("running".equals(source.state()) || "paused".equals(source.state()))) {
            return "the desktop is running: its disk is indexed once it is shut off";
        }
        return null;
    }

    static boolean matches(String glob, String value) {
        String[] literals = glob.split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < literals.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literals[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
