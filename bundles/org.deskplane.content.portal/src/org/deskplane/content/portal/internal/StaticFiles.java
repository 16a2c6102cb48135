package org.deskplane.content.portal.internal;

import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Maps a request path below {@code /portal} to a file of the bundle's {@code web/} folder. Only plain names with a
 * known extension are served: no folder listings, no dot files, no way out of {@code web/}.
 */
final class StaticFiles {

    static final String INDEX = "index.html";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    record StaticFile(URL url, String contentType) {
    }

    private final Function<String, URL> entries;

    /** @param entries looks up an entry of the bundle by its path, {@code null} when there is none */
    StaticFiles(Function<String, URL> entries) {
        this.entries = entries;
    }

    /** The file for the path after {@code /portal} ({@code null} or "/" mean the index page). */
    Optional<StaticFile> find(String pathInfo) {
        String name = pathInfo == null || pathInfo.equals("/") ? INDEX : pathInfo.substring(1);
        if (!name.matches("[A-Za-z0-9_-][A-Za-z0-9_.-]*") || name.contains("..")) {
            return Optional.empty();
        }
        String type = TYPES.get(extension(name));
        if (type == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(entries.apply("web/" + name)).map(url -> new StaticFile(url, type));
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
