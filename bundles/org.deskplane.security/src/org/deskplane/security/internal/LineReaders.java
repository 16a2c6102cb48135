package org.deskplane.security.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * Reads a file of lines forwards or backwards with bounded memory: a line longer than the limit is skipped
 * (a hostile or corrupted file must not exhaust the heap).
 */
final class LineReaders {

    static final int MAX_LINE_BYTES = 64 * 1024;
    private static final int CHUNK = 16 * 1024;

    private LineReaders() {
    }

    /**
     * Feeds each line of the first {@code end} bytes, first to last, with its 1-based number; an over-long line
     * is fed as null. Stops early when the consumer returns false.
     */
    static void forward(FileChannel channel, long end, NumberedLineConsumer consumer) throws IOException {
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel.position(0)), CHUNK);
        long remaining = end;
        long number = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean overlong = false;
        while (remaining > 0) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            remaining--;
            if (b == '\n') {
                if (!consumer.accept(++number, overlong ? null : line.toString(StandardCharsets.UTF_8))) {
                    return;
                }
                line.reset();
                overlong = false;
            } else if (!overlong) {
                line.write(b);
                if (line.size() > MAX_LINE_BYTES) {
                    overlong = true;
                    line.reset();
                }
            }
        }
        if (overlong || line.size() > 0) { // an unterminated last line
            consumer.accept(++number, overlong ? null : line.toString(StandardCharsets.UTF_8));
        }
    }

    /** Feeds the non-empty lines of the first {@code end} bytes, last to first; over-long lines are skipped. */
    static void backward(FileChannel channel, long end, Predicate<String> consumer) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        byte[] chunk = buffer.array();
        byte[] carry = new byte[0]; // the end of the current line, read in an earlier (later-in-file) chunk
        boolean overlong = false;
        long position = end;
        while (position > 0) {
            int length = (int) Math.min(CHUNK, position);
            position -= length;
            buffer.clear().limit(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new IOException("file shrank while being read");
                }
            }
            int lineEnd = length;
            for (int i = length - 1; i >= 0; i--) {
                if (chunk[i] == '\n') {
                    if (!overlong && !emit(join(chunk, i + 1, lineEnd, carry), consumer)) {
                        return;
                    }
                    carry = new byte[0];
                    overlong = false;
                    lineEnd = i;
                }
            }
            if (!overlong) {
                if (carry.length + lineEnd > MAX_LINE_BYTES) {
                    overlong = true;
                    carry = new byte[0];
                } else {
                    carry = join(chunk, 0, lineEnd, carry);
                }
            }
        }
        if (!overlong) {
            emit(carry, consumer);
        }
    }

    private static boolean emit(byte[] line, Predicate<String> consumer) {
        return line.length == 0 || consumer.test(new String(line, StandardCharsets.UTF_8));
    }

    private static byte[] join(byte[] source, int from, int to, byte[] tail) {
        byte[] joined = new byte[to - from + tail.length];
        System.arraycopy(source, from, joined, 0, to - from);
        System.arraycopy(tail, 0, joined, to - from, tail.length);
        return joined;
    }

    @FunctionalInterface
    interface NumberedLineConsumer {
        /** @param line null when the line was too long to read */
        boolean accept(long number, String line);
    }
}
