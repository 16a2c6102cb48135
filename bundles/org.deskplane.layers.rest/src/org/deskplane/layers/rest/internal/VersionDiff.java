package org.deskplane.layers.rest.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.deskplane.layers.api.CvdStore;
import org.deskplane.layers.api.CvdVersion;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.api.LayerManifest;

/**
 * What changed between two versions of a CVD, per layer: paths added, removed and changed (content, type, link
 * target, mode or owner; a new modification time alone is not a change). Version 0 stands for the empty CVD. Layers
 * whose manifest digest is the same in both versions are listed with no paths and are not read.
 */
final class VersionDiff {

    record LayerDiff(List<String> added, List<String> removed, List<String> changed) {
        static final LayerDiff NONE = new LayerDiff(List.of(), List.of(), List.of());
    }

    record Diff(long from, long to, Map<Layer, LayerDiff> layers) {
    }

    private VersionDiff() {
    }

    static Diff between(CvdStore store, String cvdId, long from, long to) throws LayerException {
        Map<Layer, String> fromLayers = from == 0 ? Map.of() : store.version(cvdId, from).layers();
        Map<Layer, String> toLayers = store.version(cvdId, to).layers();
        Set<Layer> layers = EnumSet.noneOf(Layer.class);
        layers.addAll(fromLayers.keySet());
        layers.addAll(toLayers.keySet());
        Map<Layer, LayerDiff> diffs = new EnumMap<>(Layer.class);
        for (Layer layer : layers) {
            if (Objects.equals(fromLayers.get(layer), toLayers.get(layer))) {
                diffs.put(layer, LayerDiff.NONE);
                continue;
            }
            LayerManifest before = fromLayers.containsKey(layer) ? store.manifest(cvdId, from, layer) : LayerManifest.empty(layer);
            LayerManifest after = toLayers.containsKey(layer) ? store.manifest(cvdId, to, layer) : LayerManifest.empty(layer);
            diffs.put(layer, of(before, after));
        }
        return new Diff(from, to, diffs);
    }

    /** Both manifests are sorted by path: one merge pass. */
    static LayerDiff of(LayerManifest before, LayerManifest after) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<FileEntry> a = before.entries();
        List<FileEntry> b = after.entries();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            int order = i == a.size() ? 1 : j == b.size() ? -1 : a.get(i).path().compareTo(b.get(j).path());
            if (order < 0) {
                removed.add(a.get(i++).path());
            } else if (order > 0) {
                added.add(b.get(j++).path());
            } else {
                FileEntry x = a.get(i++);
                FileEntry y = b.get(j++);
                if (!x.sameContent(y) || x.mode() != y.mode() || !x.owner().equals(y.owner())) {
                    changed.add(y.path());
                }
            }
        }
        return new LayerDiff(added, removed, changed);
    }
}
