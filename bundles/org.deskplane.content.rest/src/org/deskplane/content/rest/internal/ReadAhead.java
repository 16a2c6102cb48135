package org.deskplane.content.rest.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.deskplane.content.api.ContentReader;

/**
 * Copies a byte range of a file to a response while the next chunk is already being read: one thread
 * reads, the request thread writes. A download then costs max(read, write) rather than read + write, which is
 * what separates a disk image read at page-cache speed from a socket drained by the client. Memory is bounded:
 * {@link #BUFFERS} buffers of {@link #CHUNK} bytes per download, whatever the file's size.
 */
final class ReadAhead {
    static final int CHUNK = 1 << 20;
    static final int BUFFERS = 3;

    /** A filled buffer, or the end (length -1), or the reader's failure. */
    private record Chunk(byte[] bytes, int length, IOException failure) {
    }

    /** Handed to the reading thread instead of a buffer when the writer has stopped. */
    private static final byte[] STOP = new byte[0];

    private ReadAhead() {
    }

    /** Streams {@code length} bytes from {@code first}; fails if the file ends early or cannot be read. */
    static void copy(ContentReader reader, long first, long length, OutputStream out) throws IOException {
        if (length <= CHUNK) { // one read: a thread would only cost
            byte[] buffer = new byte[(int) Math.max(1, length)];
            int done = 0;
            while (done < length) {
                int n = reader.read(first + done, buffer, done, (int) length - done);
                if (n < 0) {
                    throw ended(first + done, length);
                }
                done += n;
            }
            out.write(buffer, 0, done);
            return;
        }
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS + 1); // + STOP
        BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(BUFFERS + 1);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[CHUNK]);
        }
        // a platform thread, not a virtual one: readers block in synchronized code (image caches, the agent
        // channel), which pins a virtual thread's carrier on Java 21-23 and could starve the other downloads
        Thread readerThread = Thread.ofPlatform().daemon().name("content-read-ahead").start(
                () -> fill(reader, first, length, free, filled));
        try {
            while (true) {
                Chunk chunk = filled.take();
                if (chunk.failure() != null) {
                    throw chunk.failure();
                }
                if (chunk.length() < 0) {
                    return;
                }
                out.write(chunk.bytes(), 0, chunk.length());
                free.add(chunk.bytes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download interrupted");
        } finally {
            // never interrupt the reading thread: an interrupt closes the image's shared FileChannel under every
            // other reader. It stops at its next buffer instead, at most one chunk later, before the caller closes.
            free.add(STOP);
            join(readerThread);
        }
    }

    private static void fill(ContentReader reader, long first, long length, BlockingQueue<byte[]> free,
            BlockingQueue<Chunk> filled) {
        long position = first;
        long end = first + length;
        try {
            while (position < end) {
                byte[] buffer = free.take();
                if (buffer == STOP) {
                    return;
                }
                int want = (int) Math.min(buffer.length, end - position);
                int done = 0;
                while (done < want) {
                    int n = reader.read(position + done, buffer, done, want - done);
                    if (n < 0) {
                        throw ended(position + done, length);
                    }
                    done += n;
                }
                filled.put(new Chunk(buffer, done, null));
                position += done;
            }
            filled.put(new Chunk(null, -1, null));
        } catch (IOException e) {
            filled.offer(new Chunk(null, 0, e));
        } catch (RuntimeException | Error e) { // the writer must never wait for a chunk that cannot come
            filled.offer(new Chunk(null, 0, new IOException("reading the file failed: " + e, e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static IOException ended(long position, long length) {
        return new IOException("the file ended at " + position + " while " + length + " bytes were promised");
    }
}
