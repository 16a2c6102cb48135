package org.deskplane.layers.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deskplane.layers.api.PathMapping;

/**
 * Where the well-known user folders live (relative to the home / profile folder) on each OS family, and the path
 * mappings that carry a CVD's user files from its own layout to an endpoint of another one.
 */
final class UserFolderLayouts {

    private static final List<String> FOLDERS = List.of("documents", "downloads", "pictures", "music", "videos",
            "desktop", "templates", "public");

    private static final Map<String, Map<String, String>> LAYOUTS = Map.of(
            "linux", Map.of("documents", "Documents", "downloads", "Downloads", "pictures", "Pictures", "music", "Music",
                    "videos", "Videos", "desktop", "Desktop", "templates", "Templates", "public", "Public"),
            "windows", Map.of("documents", "Documents", "downloads", "Downloads", "pictures", "Pictures", "music", "Music",
                    "videos", "Videos", "desktop", "Desktop", "templates", "AppData/Roaming/Microsoft/Windows/Templates",
                    "public", "Public"),
            "macos", Map.of("documents", "Documents", "downloads", "Downloads", "pictures", "Pictures", "music", "Music",
                    "videos", "Movies", "desktop", "Desktop", "templates", "Templates", "public", "Public"));

    private UserFolderLayouts() {
    }

    /** Mappings from {@code cvdFamily}'s layout to {@code endpointFamily}'s (empty when either is unknown or equal). */
    static List<PathMapping> mappings(String cvdFamily, String endpointFamily) {
        Map<String, String> from = LAYOUTS.get(cvdFamily.toLowerCase(Locale.ROOT));
        Map<String, String> to = LAYOUTS.get(endpointFamily.toLowerCase(Locale.ROOT));
        List<PathMapping> mappings = new ArrayList<>();
        if (from == null || to == null || from == to) {
            return mappings;
        }
        for (String folder : FOLDERS) {
            String source = from.get(folder);
            String target = to.get(folder);
            if (!source.equals(target)) {
                mappings.add(new PathMapping(source + "/", target + "/"));
            }
        }
        return mappings;
    }
}
