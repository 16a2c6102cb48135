package org.deskplane.modules.agent.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The agent's local control protocol between {@code deskplane-module} and the agent, on the guest's loopback. One
 * request per connection. Request: a line {@code DPMOD/1 <command> <arg>…} (arguments percent-encoded UTF-8, so a
 * space or newline never splits them; at most {@value #MAX_LINE} bytes), then for {@code upload} and {@code call} a
 * body whose length is one of the arguments. Response: a line {@code DPMOD/1 <STATUS> <body length> <message>}, then
 * the body (details as text, or the raw answer of a {@code call}). Needs nothing but the JDK: the command-line tool
 * runs from the bundle jar without a framework.
 */
public final class LocalProtocol {
    public static final String MAGIC = "DPMOD/1";
    public static final int DEFAULT_PORT = 8632;
    public static final int MAX_LINE = 8192;
    /** Largest body of a {@code call} request or response (the channel's answer limits the latter anyway). */
    public static final int MAX_CALL_BODY = 192 << 10;
    public static final int MAX_RESPONSE_BODY = 1 << 20;

    /** Statuses that mean "not found" (exit code 2). */
    private static final Set<String> NOT_FOUND = Set.of("NOT_FOUND", "OTHER_VERSIONS", "NO_HANDLER");
    /** Statuses that mean "denied or untrusted" (exit code 3). */
    private static final Set<String> DENIED = Set.of("DENIED", "NOT_WHITELISTED", "UNSIGNED", "TAMPERED",
            "UNTRUSTED_SIGNER", "EXPIRED");

    /** A response: the status name, a one-line message and the body. */
    public record Response(String status, String message, byte[] body) {
        public Response {
            status = status == null || status.isBlank() ? "FAILED" : status.trim().replace(' ', '_');
            message = message == null ? "" : message;
            body = body == null ? new byte[0] : body;
        }

        public static Response of(String status, String message, String text) {
            return new Response(status, message, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private LocalProtocol() {
    }

    /** 0 ok, 2 not found, 3 denied or untrusted, 1 anything else. */
    public static int exitCode(String status) {
        if ("OK".equals(status)) {
            return 0;
        }
        if (NOT_FOUND.contains(status)) {
            return 2;
        }
        return DENIED.contains(status) ? 3 : 1;
    }

    /** A channel error code ("no-handler") as a status name ("NO_HANDLER"). */
    public static String statusOfCode(String code) {
        return code == null ? "FAILED" : code.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public static void writeRequest(OutputStream out, List<String> tokens) throws IOException {
        StringBuilder line = new StringBuilder(MAGIC);
        for (String t : tokens) {
            line.append(' ').append(encode(t));
        }
        byte[] b = (line + "\n").getBytes(StandardCharsets.US_ASCII);
        if (b.length > MAX_LINE) {
            throw new IOException("request line of " + b.length + " bytes (at most " + MAX_LINE + ")");
        }
        out.write(b);
    }

    /** Reads and decodes a request line: the command and its arguments. */
    public static List<String> readRequest(InputStream in) throws IOException {
        String line = readLine(in, MAX_LINE);
        String[] parts = line.split(" ", -1);
        if (parts.length < 2 || !MAGIC.equals(parts[0])) {
            throw new IOException("not a " + MAGIC + " request");
        }
        List<String> tokens = new ArrayList<>(parts.length - 1);
        for (int i = 1; i < parts.length; i++) {
            tokens.add(decode(parts[i]));
        }
        return tokens;
    }

    public static void writeResponse(OutputStream out, Response r) throws IOException {
        String line = MAGIC + " " + encode(r.status()) + " " + r.body().length + " " + encode(oneLine(r.message())) + "\n";
        out.write(line.getBytes(StandardCharsets.US_ASCII));
        out.write(r.body());
        out.flush();
    }

    public static Response readResponse(InputStream in) throws IOException {
        String line = readLine(in, MAX_LINE * 2);
        String[] parts = line.split(" ", 4);
        if (parts.length < 3 || !MAGIC.equals(parts[0])) {
            throw new IOException("the agent's answer is not a " + MAGIC + " response");
        }
        int length;
        try {
            length = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            throw new IOException("bad body length '" + parts[2] + "'");
        }
        if (length < 0 || length > MAX_RESPONSE_BODY) {
            throw new IOException("body of " + length + " bytes (at most " + MAX_RESPONSE_BODY + ")");
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new IOException("the agent's answer ends after " + body.length + " of " + length + " bytes");
        }
        return new Response(decode(parts[1]), parts.length > 3 ? decode(parts[3]) : "", body);
    }

    /** An ASCII line up to '\n' (a '\r' before it is dropped); longer than {@code max} is an error. */
    static String readLine(InputStream in, int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException(line.size() == 0 ? "connection closed without a line" : "line not terminated");
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= max) {
                throw new IOException("line longer than " + max + " bytes");
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.US_ASCII);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (plain(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    static String decode(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IOException("truncated escape");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IOException("bad escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 128 && plain(c)) {
                bytes.write(c);
            } else {
                throw new IOException("character " + (int) c + " must be escaped");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("argument is not UTF-8");
        }
    }

    private static boolean plain(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "._~-/[](),+:=@".indexOf(c) >= 0;
    }

    private static String oneLine(String s) {
        String t = s.replace('\n', ' ').replace('\r', ' ');
        return t.length() > 2000 ? t.substring(0, 2000) + "…" : t;
    }
}
