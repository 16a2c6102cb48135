package org.deskplane.delivery.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a payload is and how the guest processes it. It travels with the payload as the file {@value #FILE_NAME} in
 * its root, in a line format both the server and the guest agent read with the JDK alone:
 *
 * <pre>
 * # comment
 * id = office-patch
 * version = 2026.11.1
 * description = Security fixes for the office suite
 * timeout = 600                              (seconds the guest may spend processing; default 600)
 * reboot = false                             (the guest should restart afterwards)
 * copy = conf/app.conf => /etc/app/app.conf  (steps run in file order)
 * run = install.sh --quiet
 * file = &lt;sha256&gt; &lt;size&gt; &lt;path&gt;      (one per payload file; the repository writes these)
 * </pre>
 *
 * Parsing is bounded ({@link #MAX_BYTES}, {@link #MAX_FILES}, {@link #MAX_STEPS}) because a guest reads a manifest
 * from a disc it cannot trust any more than the server trusts an uploaded archive.
 */
public record PayloadManifest(String id, String version, String description, List<PayloadFile> files,
        List<Step> steps, boolean rebootRequired, Duration timeout) {

    public static final String FILE_NAME = "deskplane-payload.conf";
    public static final int MAX_BYTES = 4 << 20;
    public static final int MAX_FILES = 100_000;
    public static final int MAX_STEPS = 1_000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    private static final int MAX_LINE = 8192;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");
    private static final String ARROW = " => ";

    public PayloadManifest {
        checkName("id", id);
        checkName("version", version);
        description = description == null ? "" : description;
        files = List.copyOf(files);
        steps = List.copyOf(steps);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        Set<String> paths = new HashSet<>();
        for (PayloadFile f : files) {
            checkRelative(f.path());
            if (!paths.add(f.path())) {
                throw new IllegalArgumentException("file listed twice: " + f.path());
            }
        }
        for (Step s : steps) {
            checkRelative(s.source());
            if (!files.isEmpty() && !paths.contains(s.source())) {
                throw new IllegalArgumentException(s.kind().name().toLowerCase() + " names a file the payload does not have: " + s.source());
            }
            if (s.kind() == Step.Kind.COPY && (s.target() == null || !s.target().startsWith("/"))) {
                throw new IllegalArgumentException("copy target must be an absolute guest path: " + s.target());
            }
        }
    }

    /** A copy of this manifest listing {@code files} (what the repository found and hashed). */
    public PayloadManifest withFiles(List<PayloadFile> newFiles) {
        return new PayloadManifest(id, version, description, newFiles, steps, rebootRequired, timeout);
    }

    /** The file entry for a payload-relative path, or null. */
    public PayloadFile file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst().orElse(null);
    }

    public long totalSize() {
        return files.stream().mapToLong(PayloadFile::size).sum();
    }

    /** Rejects absolute paths, empty segments, {@code .} and {@code ..}, backslashes and control characters. */
    public static String checkRelative(String path) {
        if (path == null || path.isEmpty() || path.length() > 4096) {
            throw new IllegalArgumentException("empty or overlong payload path");
        }
        if (path.startsWith("/") || path.indexOf('\\') >= 0 || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("payload path must be relative and plain: " + path);
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("payload path has an empty, '.' or '..' segment: " + path);
            }
        }
        return path;
    }

    private static void checkName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-64 of A-Z a-z 0-9 . _ + - (starting with a letter or digit): " + value);
        }
    }

    /** Reads a manifest; at most {@link #MAX_BYTES} are read from {@code in}. */
    public static PayloadManifest parse(InputStream in) throws ManifestException, IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new ManifestException("manifest larger than " + MAX_BYTES + " bytes");
        }
        return parse(bytes);
    }

    public static PayloadManifest parse(byte[] bytes) throws ManifestException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestException("manifest is not UTF-8");
        }
        String id = null;
        String version = null;
        String description = "";
        boolean reboot = false;
        Duration timeout = DEFAULT_TIMEOUT;
        List<PayloadFile> files = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (raw.length() > MAX_LINE) {
                throw new ManifestException("line " + lineNo + ": longer than " + MAX_LINE + " characters");
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ManifestException("line " + lineNo + ": expected 'key = value'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            try {
                switch (key) {
                    case "id" -> id = value;
                    case "version" -> version = value;
                    case "description" -> description = value;
                    case "reboot" -> reboot = bool(value);
                    case "timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value));
                    case "copy" -> {
                        int arrow = value.indexOf(ARROW);
                        if (arrow <= 0) {
                            throw new IllegalArgumentException("copy needs 'source => /guest/target'");
                        }
                        steps.add(Step.copy(value.substring(0, arrow).strip(), value.substring(arrow + ARROW.length()).strip()));
                    }
                    case "run" -> {
                        List<String> words = Arrays.stream(value.split("\\s+")).filter(w -> !w.isEmpty()).toList();
                        if (words.isEmpty()) {
                            throw new IllegalArgumentException("run needs a script");
                        }
                        steps.add(Step.run(words.get(0), words.subList(1, words.size())));
                    }
                    case "file" -> {
                        String[] parts = value.split(" ", 3);
                        if (parts.length != 3) {
                            throw new IllegalArgumentException("file needs '<sha256> <size> <path>'");
                        }
                        files.add(new PayloadFile(parts[2], Long.parseLong(parts[1]), parts[0]));
                    }
                    default -> throw new IllegalArgumentException("unknown key '" + key + "'");
                }
            } catch (IllegalArgumentException e) { // NumberFormatException included
                throw new ManifestException("line " + lineNo + ": " + e.getMessage());
            }
            if (files.size() > MAX_FILES || steps.size() > MAX_STEPS) {
                throw new ManifestException("line " + lineNo + ": more than " + MAX_FILES + " files or " + MAX_STEPS + " steps");
            }
        }
        try {
            return new PayloadManifest(id, version, description, files, steps, reboot, timeout);
        } catch (IllegalArgumentException e) {
            throw new ManifestException(e.getMessage());
        }
    }

    private static boolean bool(String value) {
        return switch (value) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException("expected true or false: " + value);
        };
    }

    /** The manifest in its file format; {@link #parse(byte[])} of the result gives an equal manifest. */
    public String format() {
        StringBuilder out = new StringBuilder("# Deskplane payload manifest\n");
        out.append("id = ").append(id).append('\n').append("version = ").append(version).append('\n');
        if (!description.isBlank()) {
            out.append("description = ").append(description.replace('\n', ' ').strip()).append('\n');
        }
        out.append("timeout = ").append(timeout.toSeconds()).append('\n').append("reboot = ").append(rebootRequired).append('\n');
        for (Step s : steps) {
            if (s.kind() == Step.Kind.COPY) {
                out.append("copy = ").append(s.source()).append(ARROW).append(s.target()).append('\n');
            } else {
                out.append("run = ").append(s.source());
                s.args().forEach(a -> out.append(' ').append(a));
                out.append('\n');
            }
        }
        for (PayloadFile f : files) {
            out.append("file = ").append(f.sha256()).append(' ').append(f.size()).append(' ').append(f.path()).append('\n');
        }
        return out.toString();
    }

    public byte[] toBytes() {
        return format().getBytes(StandardCharsets.UTF_8);
    }
}
