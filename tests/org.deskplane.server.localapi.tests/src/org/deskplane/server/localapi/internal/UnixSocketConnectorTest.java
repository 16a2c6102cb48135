package org.deskplane.server.localapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector in a Jetty server of its own (the whiteboard's Jetty is the server test's business): HTTP/1.1
 * over the socket, the peer presented as loopback, a large body, many clients at once, and nothing listening once
 * stopped. It is a ServerConnector, which the whiteboard requires of every connector.
 */
class UnixSocketConnectorTest {
    private static final int BIG = 8 * 1024 * 1024 + 5;

    @TempDir
    Path dir;

    private Server server;
    private Path socket;

    @BeforeEach
    void start() throws Exception {
        socket = dir.resolve("api.sock");
        server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.addCustomizer(new LoopbackPeer());
        server.addConnector(new UnixSocketConnector(server, socket, new HttpConnectionFactory(http)));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                byte[] body = request.getHttpURI().getPath().equals("/big") ? pattern(BIG)
                        : ("peer " + Request.getRemoteAddr(request)).getBytes(StandardCharsets.US_ASCII);
                response.setStatus(200);
                response.getHeaders().put("Content-Length", Long.toString(body.length));
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void isAServerConnectorAsTheWhiteboardRequires() {
        assertTrue(server.getConnectors()[0] instanceof org.eclipse.jetty.server.ServerConnector);
        assertEquals("localhost", ((UnixSocketConnector) server.getConnectors()[0]).getHost());
    }

    @Test
    void answersHttpOverTheSocketWithTheLoopbackAsPeer() throws Exception {
        String answer = new String(get("/who"), StandardCharsets.US_ASCII);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.endsWith("peer 127.0.0.1"), answer);
    }

    @Test
    void aLargeBodyAndManyClientsAtOnceArriveWhole() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(clients.submit(() -> get("/big")));
            }
            byte[] expected = pattern(BIG);
            for (Future<byte[]> answer : answers) {
                byte[] raw = answer.get();
                int head = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) + 4;
                assertEquals(BIG, raw.length - head);
                assertTrue(java.util.Arrays.equals(expected, 0, BIG, raw, head, raw.length), "the body differs");
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void nothingListensOnceStopped() throws Exception {
        server.stop();
        assertFalse(server.getConnectors()[0].isRunning());
        assertThrows(IOException.class, () -> get("/who"));
    }

    private byte[] get(String path) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            var out = Channels.newOutputStream(channel);
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            Channels.newInputStream(channel).transferTo(all);
            return all.toByteArray();
        }
    }

    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + (i >>> 13));
        }
        return bytes;
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
