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

    /** Where a user's home folder is, relative to the root, on each OS family. */
    private static final Map<String, String> HOMES = Map.of("linux", "home/", "macos", "Users/", "windows", "Users/");

    /**
     * Mappings of paths relative to the root: the owner's home folder of {@code cvdFamily}'s layout to the one of
     * {@code endpointFamily}'s, and the well-known folders inside it (longest prefix wins, so these take precedence).
     */
    static List<PathMapping> mappings(String cvdFamily, String endpointFamily, String owner) {
        List<PathMapping> inHome = mappings(cvdFamily, endpointFamily);
        String fromHome = HOMES.get(cvdFamily.toLowerCase(Locale.ROOT));
        String toHome = HOMES.get(endpointFamily.toLowerCase(Locale.ROOT));
        if (owner == null || owner.isBlank() || fromHome == null || toHome == null) {
            return inHome;
        }
        String from = fromHome + owner + "/";
        String to = toHome + owner + "/";
        List<PathMapping> mappings = new ArrayList<>();
        if (!from.equals(to)) {
            mappings.add(new PathMapping(from, to));
        }
        for (PathMapping folder : inHome) {
            mappings.add(new PathMapping(from + folder.cvdPrefix(), to + folder.endpointPrefix()));
        }
        return mappings;
    }

    /** Mappings from {@code cvdFamily}'s layout to {@code endpointFamily}'s, relative to the home folder (empty when either is unknown or equal). */
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
