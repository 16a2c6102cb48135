package org.deskplane.layers.shims.linux.internal;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Linux tree never uploads: kernel and runtime file systems, temporary files, caches, logs of the journal and
 * machine-specific identity. Globs of {@link java.nio.file.FileSystem#getPathMatcher}, relative to the root; a
 * directory's pattern covers the directory itself and everything below it.
 */
public final class Exclusions {

    public static final List<String> DEFAULTS = List.of(
            "proc", "proc/**", "sys", "sys/**", "dev", "dev/**", "run", "run/**",
            "tmp/**", "var/tmp/**", "var/cache/**", "var/log/journal/**",
            ".cache", ".cache/**", "**/.cache", "**/.cache/**",
            "**/.thumbnails/**", "**/*.swp", "**/*~",
            "var/lib/systemd/random-seed", "var/lib/dhcp/*.leases",
            "etc/machine-id", "var/lib/dbus/machine-id", "etc/ssh/ssh_host_*",
            "swapfile", "swap.img", "lost+found", "lost+found/**");

    private final List<String> globs;
    private final List<PathMatcher> matchers = new ArrayList<>();

    public Exclusions(List<String> globs) {
        this.globs = List.copyOf(globs);
        for (String glob : this.globs) {
            if (glob.isBlank() || glob.startsWith("/") || glob.contains("..")) {
                throw new IllegalArgumentException("exclusion must be a glob relative to the root: '" + glob + "'");
            }
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
    }

    public List<String> globs() {
        return globs;
    }

    /** Whether a relative, '/'-separated path is excluded. */
    public boolean excludes(String relPath) {
        Path p = Path.of(relPath);
        return matchers.stream().anyMatch(m -> m.matches(p));
    }
}
