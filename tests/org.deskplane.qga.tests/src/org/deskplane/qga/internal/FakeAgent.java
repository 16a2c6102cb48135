package org.deskplane.qga.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for qemu-ga on a Unix socket that follows a script, to feed the client what a broken or
 * hostile agent would send. Serves one connection.
 */
final class FakeAgent implements AutoCloseable {
    private static final Pattern SYNC_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    interface Script {
        void run(InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread thread;

    FakeAgent(Path dir, Script script) throws IOException {
        this.socket = dir.resolve("fake-qga.sock");
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(() -> {
            try (SocketChannel channel = server.accept()) {
                script.run(Channels.newInputStream(channel), Channels.newOutputStream(channel));
            } catch (IOException | InterruptedException e) {
                // the client went away or the test is over: nothing to serve any more
            }
        }, "fake-qga");
        thread.setDaemon(true);
        thread.start();
    }

    Path socket() {
        return socket;
    }

    /** One command line as the client sent it, without its newline and leading 0xFF bytes; null at end. */
    static String readCommand(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != 0xFF) {
                line.write(b);
            }
        }
        return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    /** Reads the client's guest-sync-delimited and answers it the way qemu-ga does. */
    static void answerSync(InputStream in, OutputStream out) throws IOException {
        answerSync(readCommand(in), out);
    }

    static void answerSync(String command, OutputStream out) throws IOException {
        Matcher id = SYNC_ID.matcher(command);
        if (!command.contains("guest-sync-delimited") || !id.find()) {
            throw new IOException("expected guest-sync-delimited, got " + command);
        }
        out.write(0xFF);
        write(out, "{\"return\": " + id.group(1) + "}\n");
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
        Files.deleteIfExists(socket);
    }
}
