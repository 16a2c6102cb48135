package org.deskplane.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

/**
 * A request answered before its body was read (403: wrong role; 401: no token) must not cost the connection: the
 * dispatcher reads the rest of a small body, so the client gets its answer and can send the next request on the same
 * connection. Without that, the server closes while the body still arrives, and under load the client can lose the
 * answer itself to the reset ("header parser received no bytes").
 */
class EarlyAnswerTest extends SignedInAsAdmin {

    @Test
    void aRefusedUploadKeepsTheConnectionForTheNextRequest() throws Exception {
        api.postJson("/users", adminToken, java.util.Map.of("username", "early-user", "password", "early-password-123456",
                "role", "USER"));
        String userToken = api.login("early-user", "early-password-123456");
        byte[] body = new byte[64 * 1024];
        try (SSLSocket socket = ApiClient.rawSocket()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // users may not change policies: 403 before the body is looked at; the body comes after a pause
            out.write(("PUT /api/print/policies/early HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + userToken
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);
            out.write(body);
            out.flush();
            String first = readResponse(in);
            assertTrue(first.startsWith("HTTP/1.1 403"), first);
            assertTrue(!first.toLowerCase(java.util.Locale.ROOT).contains("connection: close"),
                    "the server keeps the connection: " + first);

            out.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String second = readResponse(in);
            assertTrue(second.startsWith("HTTP/1.1 200"), "the next request on the same connection: " + second);
        }
        assertEquals(204, api.send("DELETE", "/users/early-user", adminToken, null, null).status());
    }

    /** Reads one HTTP/1.1 response with a Content-Length body. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection; read so far: " + head);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        byte[] rest = in.readNBytes(length);
        return headers + new String(rest, StandardCharsets.UTF_8);
    }
}
