package org.deskplane.layers.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The files of one layer at one version, sorted by path (each path once). */
public record LayerManifest(Layer layer, List<FileEntry> entries) {

    public LayerManifest {
        List<FileEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(FileEntry::path));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).path().equals(sorted.get(i - 1).path())) {
                throw new IllegalArgumentException("path listed twice in the " + layer + " manifest: " + sorted.get(i).path());
            }
        }
        entries = Collections.unmodifiableList(sorted);
    }

    public static LayerManifest empty(Layer layer) {
        return new LayerManifest(layer, List.of());
    }

    public Map<String, FileEntry> byPath() {
        Map<String, FileEntry> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.path(), e));
        return map;
    }

    public Optional<FileEntry> find(String path) {
        int i = Collections.binarySearch(entries.stream().map(FileEntry::path).toList(), path);
        return i >= 0 ? Optional.of(entries.get(i)) : Optional.empty();
    }

    public long totalBytes() {
        return entries.stream().mapToLong(FileEntry::size).sum();
    }
}
