package org.deskplane.layers.merge;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names conflict copies deterministically — {@code report (conflict from laptop 2026-11-22 143005).txt}, time in
 * UTC, extension kept — and caps them per file: at most {@link #maxCopies()} copies of one file exist; placing
 * another evicts the oldest (by the time in its name). Evicting rather than refusing keeps the newest competing
 * version on disk, which is the one the user is most likely to want; every copy has gone up to the server as a
 * new file, so the evicted ones stay in the CVD's version history.
 */
public final class ConflictNames {

    public static final int DEFAULT_MAX_COPIES = 5;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HHmmss").withZone(ZoneOffset.UTC);
    private static final List<String> COMPOUND_EXTENSIONS = List.of(".tar.gz", ".tar.bz2", ".tar.xz", ".tar.zst");
    private static final int MAX_ENDPOINT_CHARS = 40;
    private static final int MAX_EXTENSION_CHARS = 16;
    private static final int MAX_NAME_BYTES = 255;

    private final int maxCopies;

    public ConflictNames() {
        this(DEFAULT_MAX_COPIES);
    }

    public ConflictNames(int maxCopies) {
        if (maxCopies < 1) {
            throw new IllegalArgumentException("at least one conflict copy must be allowed, got " + maxCopies);
        }
        this.maxCopies = maxCopies;
    }

    public int maxCopies() {
        return maxCopies;
    }

    /** The conflict copy's relative path for a file of another endpoint's version at a time (no clash handling). */
    public String name(String path, String endpoint, Instant time) {
        return name(path, endpoint, time, 1);
    }

    /**
     * Where to place a new conflict copy of {@code path}, given the relative paths that exist (at least the
     * siblings): a same-second clash gets a counter (" 2", " 3"…); when {@link #maxCopies()} copies exist already,
     * the oldest ones are evicted.
     */
    public ConflictPlacement place(String path, String endpoint, Instant time, Collection<String> existingPaths) {
        Set<String> existing = new HashSet<>(existingPaths);
        String copy = name(path, endpoint, time, 1);
        for (int n = 2; existing.contains(copy); n++) {
            copy = name(path, endpoint, time, n);
        }
        List<Copy> copies = new ArrayList<>();
        for (String candidate : existing) {
            Copy c = parse(path, candidate);
            if (c != null) {
                copies.add(c);
            }
        }
        copies.sort(Comparator.comparing(Copy::stamp).thenComparing(Copy::counter).thenComparing(Copy::path));
        List<String> evicted = new ArrayList<>();
        for (int i = 0; i < copies.size() - (maxCopies - 1); i++) {
            evicted.add(copies.get(i).path());
        }
        return new ConflictPlacement(copy, evicted);
    }

    /** Whether {@code candidate} is a conflict copy of {@code path} made by this naming scheme. */
    public boolean isConflictCopyOf(String candidate, String path) {
        return parse(path, candidate) != null;
    }

    private String name(String path, String endpoint, Instant time, int counter) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash + 1);
        String file = path.substring(slash + 1);
        String ext = extension(file);
        String stem = file.substring(0, file.length() - ext.length());
        String tag = " (conflict from " + sanitize(endpoint) + " " + STAMP.format(time) + (counter > 1 ? " " + counter : "")
                + ")";
        // Shorten the stem, never the tag or the extension, so the name stays within the file system's limit.
        while (!stem.isEmpty() && bytes(stem + tag + ext) > MAX_NAME_BYTES) {
            stem = stem.substring(0, stem.offsetByCodePoints(stem.length(), -1));
        }
        return dir + stem + tag + ext;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    static String extension(String file) {
        String lower = file.toLowerCase(java.util.Locale.ROOT);
        for (String compound : COMPOUND_EXTENSIONS) {
            if (lower.endsWith(compound) && lower.length() > compound.length()) {
                return file.substring(file.length() - compound.length());
            }
        }
        int dot = file.lastIndexOf('.');
        // A leading dot names a hidden file (".bashrc"), it is not an extension.
        if (dot <= 0 || file.length() - dot > MAX_EXTENSION_CHARS || file.indexOf(' ', dot) >= 0) {
            return "";
        }
        return file.substring(dot);
    }

    static String sanitize(String endpoint) {
        StringBuilder out = new StringBuilder();
        String source = endpoint == null ? "" : endpoint.strip();
        for (int i = 0; i < source.length() && out.length() < MAX_ENDPOINT_CHARS; i++) {
            char c = source.charAt(i);
            out.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        }
        return out.isEmpty() ? "unknown" : out.toString();
    }

    private Copy parse(String path, String candidate) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash + 1);
        if (!candidate.startsWith(dir) || candidate.indexOf('/', dir.length()) >= 0) {
            return null;
        }
        String file = path.substring(slash + 1);
        String ext = extension(file);
        String stem = file.substring(0, file.length() - ext.length());
        String name = candidate.substring(dir.length());
        if (!name.endsWith(ext)) {
            return null;
        }
        Matcher m = COPY_TAG.matcher(name.substring(0, name.length() - ext.length()));
        // The stem may have been shortened to fit the name limit: accept a prefix of it, never something else.
        if (!m.matches()) {
            return null;
        }
        boolean shortened = !m.group(1).equals(stem) && stem.startsWith(m.group(1)) && bytes(name) > MAX_NAME_BYTES - 4;
        if (!m.group(1).equals(stem) && !shortened) {
            return null;
        }
        int counter = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
        return new Copy(candidate, m.group(3), counter);
    }

    private static final Pattern COPY_TAG = Pattern
            .compile("(.*) \\(conflict from ([\\p{L}\\p{N}._-]+) (\\d{4}-\\d{2}-\\d{2} \\d{6})(?: (\\d{1,6}))?\\)");

    private record Copy(String path, String stamp, int counter) {
    }
}
