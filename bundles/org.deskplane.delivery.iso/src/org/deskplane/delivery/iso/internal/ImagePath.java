package org.deskplane.delivery.iso.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.delivery.iso.IsoImageBuilder;

/** Splits and checks a path inside the image: relative, '/' separated, no "." or "..", bounded names. */
final class ImagePath {

    private ImagePath() {
    }

    /** The segments of {@code path}; an empty list for the root ("" or "/"). */
    static List<String> segments(String path, boolean rootAllowed) {
        if (path == null) {
            throw new IllegalArgumentException("image path is null");
        }
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (relative.isEmpty()) {
            if (rootAllowed) {
                return List.of();
            }
            throw new IllegalArgumentException("image path \"" + path + "\" names the root, a file needs a name");
        }
        if (utf8(relative, path).length > IsoImageBuilder.MAX_PATH_BYTES) {
            throw new IllegalArgumentException("image path is longer than " + IsoImageBuilder.MAX_PATH_BYTES
                    + " UTF-8 bytes: \"" + abbreviate(path) + "\"");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : relative.split("/", -1)) {
            checkName(segment, path);
            segments.add(segment);
        }
        return segments;
    }

    /** Checks one name (a path segment) and returns its UTF-8 bytes. */
    static byte[] checkName(String name, String path) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("image path \"" + abbreviate(path) + "\" has an empty name ('//' "
                    + "or a trailing '/')");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("image path \"" + abbreviate(path) + "\" has a '" + name
                    + "' segment: paths must stay inside the image");
        }
        if (name.indexOf('\0') >= 0 || name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("name in \"" + abbreviate(path) + "\" holds NUL or '/'");
        }
        byte[] bytes = utf8(name, path);
        if (bytes.length > IsoImageBuilder.MAX_NAME_BYTES) {
            throw new IllegalArgumentException("name is " + bytes.length + " UTF-8 bytes, longer than "
                    + IsoImageBuilder.MAX_NAME_BYTES + ": \"" + abbreviate(name) + "\"");
        }
        return bytes;
    }

    /** Strict UTF-8: a lone surrogate would otherwise turn into '?' silently. */
    static byte[] utf8(String text, String path) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("image path \"" + abbreviate(path)
                    + "\" is not valid Unicode (a lone surrogate)", e);
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 100) + "…(" + text.length() + " chars)";
    }
}
