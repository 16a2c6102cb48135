package org.deskplane.modules.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.UploadSession;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;

/**
 * Feeds a request body into a module host upload session. The host wants the size and SHA-256 before the first
 * byte, so there are two ways in:
 * <ul>
 * <li>with an {@value #SHA256_HEADER} header (hex) and a {@code Content-Length}: the body streams straight into the
 * session and the host checks both at commit (a mismatch is CHECKSUM_MISMATCH, nothing stored). This is also an
 * end-to-end integrity check of the transfer.</li>
 * <li>without it: the body is first staged to a temporary file while its SHA-256 is computed, then fed to the
 * session. The staging file is deleted whatever happens.</li>
 * </ul>
 * Either way the bytes only reach the host's store through {@link UploadSession#commit()}.
 */
final class JarUpload {

    static final String SHA256_HEADER = "X-Content-SHA256";
    private static final int CHUNK = 64 * 1024;

    private JarUpload() {
    }

    static ModuleInfo upload(ModuleHost host, Requester requester, ApiRequest request) throws IOException {
        checkContentType(request);
        Optional<String> declaredSha = request.header(SHA256_HEADER).map(String::strip).filter(s -> !s.isEmpty());
        if (declaredSha.isPresent()) {
            String sha256 = hex(declaredSha.get());
            long size = contentLength(request).orElseThrow(() -> ApiException.badRequest(
                    SHA256_HEADER + " needs a Content-Length: the host checks the declared size and hash together"));
            try (InputStream body = request.body()) {
                return feed(host.beginUpload(requester, size, sha256), body);
            }
        }
        return staged(host, requester, request);
    }

    private static ModuleInfo staged(ModuleHost host, Requester requester, ApiRequest request) throws IOException {
        Path staging = Files.createTempFile("deskplane-module-upload-", ".jar");
        try {
            MessageDigest digest = sha256();
            long size;
            try (InputStream body = request.body();
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(staging), digest)) {
                size = body.transferTo(out);
            }
            if (size == 0) {
                throw ApiException.badRequest("the request body is empty: send the module jar");
            }
            try (InputStream in = Files.newInputStream(staging)) {
                return feed(host.beginUpload(requester, size, HexFormat.of().formatHex(digest.digest())), in);
            }
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    /** Writes everything to the session and commits; a failure on the way closes (discards) the session. */
    private static ModuleInfo feed(UploadSession session, InputStream in) throws IOException {
        try (session) {
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = in.read(buffer)) > 0) {
                session.write(buffer, 0, n);
            }
            return session.commit();
        }
    }

    private static void checkContentType(ApiRequest request) {
        String type = request.header("Content-Type").map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .orElse("");
        if (!type.isEmpty() && !type.equals("application/java-archive") && !type.equals("application/octet-stream")
                && !type.equals("application/zip") && !type.equals("application/x-java-archive")) {
            throw new ApiException(415, "Unsupported media type",
                    "send the module as application/java-archive (the jar's bytes), not " + type);
        }
    }

    private static Optional<Long> contentLength(ApiRequest request) {
        Optional<String> raw = request.header("Content-Length").map(String::strip);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            long length = Long.parseLong(raw.get());
            if (length <= 0) {
                throw ApiException.badRequest("the request body is empty: send the module jar");
            }
            return Optional.of(length);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Content-Length is not a number: " + raw.get());
        }
    }

    private static String hex(String sha256) {
        String hex = sha256.toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw ApiException.badRequest(SHA256_HEADER + " must be 64 hex digits (the SHA-256 of the jar): " + sha256);
        }
        return hex;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
