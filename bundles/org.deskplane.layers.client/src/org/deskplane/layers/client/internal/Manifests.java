package org.deskplane.layers.client.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.LayerManifest;

/** Comparisons of manifests by what a sync cares about: paths, kinds, contents, link targets and modes. */
final class Manifests {

    private Manifests() {
    }

    static boolean sameFiles(LayerManifest a, LayerManifest b) {
        if (a.entries().size() != b.entries().size()) {
            return false;
        }
        for (int i = 0; i < a.entries().size(); i++) {
            FileEntry x = a.entries().get(i);
            FileEntry y = b.entries().get(i);
            if (!x.path().equals(y.path()) || !x.sameContent(y) || x.mode() != y.mode()) {
                return false;
            }
        }
        return true;
    }

    /** {@code manifest} plus {@code extra} entries whose paths it lacks. */
    static LayerManifest with(LayerManifest manifest, Collection<FileEntry> extra) {
        if (extra.isEmpty()) {
            return manifest;
        }
        Map<String, FileEntry> byPath = manifest.byPath();
        List<FileEntry> entries = new ArrayList<>(manifest.entries());
        extra.stream().filter(e -> !byPath.containsKey(e.path())).forEach(entries::add);
        return new LayerManifest(manifest.layer(), entries);
    }
}
