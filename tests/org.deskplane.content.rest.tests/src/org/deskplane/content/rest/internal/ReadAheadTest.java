package org.deskplane.content.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download copier: exact bytes for ranges across many chunks, reading really runs ahead of writing, failures
 * on either side end the copy with an error, and the reading side is never interrupted (an interrupt closes a
 * FileChannel, which is shared by every reader of a disk image) and has stopped before the copy returns.
 */
class ReadAheadTest {
    private static final int CHUNK = ReadAhead.CHUNK;

    @TempDir
    Path folder;

    @Test
    void aRangeOverManyChunksArrivesExactly() throws Exception {
        byte[] file = random(5 * CHUNK + 12345);
        for (long[] range : new long[][] { { 0, file.length }, { 7, file.length - 7 }, { CHUNK - 1, 2 * CHUNK + 3 },
                { 100, 10 }, { file.length - 1, 1 }, { 0, CHUNK }, { 0, CHUNK + 1 } }) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ReadAhead.copy(new ArrayReader(file), range[0], range[1], out);
            assertArrayEquals(Arrays.copyOfRange(file, (int) range[0], (int) (range[0] + range[1])), out.toByteArray(),
                    "range " + range[0] + "+" + range[1]);
        }
    }

    @Test
    void theNextChunkIsReadWhileTheCurrentOneIsWritten() throws Exception {
        byte[] file = random(4 * CHUNK);
        ArrayReader reader = new ArrayReader(file);
        AtomicLong readWhenFirstWriteStarted = new AtomicLong(-1);
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (readWhenFirstWriteStarted.get() < 0) {
                    sleep(300); // a slow client: the reader goes on meanwhile
                    readWhenFirstWriteStarted.set(reader.bytesRead.get());
                }
            }
        };
        ReadAhead.copy(reader, 0, file.length, out);
        assertTrue(readWhenFirstWriteStarted.get() > CHUNK, "while the first chunk was written only "
                + readWhenFirstWriteStarted.get() + " bytes had been read: no read-ahead");
        assertTrue(readWhenFirstWriteStarted.get() <= (long) (ReadAhead.BUFFERS) * CHUNK,
                "read ahead without bound: " + readWhenFirstWriteStarted.get());
    }

    @Test
    void aFileThatEndsEarlyIsAnErrorNotAShortBody() {
        ArrayReader reader = new ArrayReader(random(2 * CHUNK + 10));
        IOException e = assertThrows(IOException.class,
                () -> ReadAhead.copy(reader, 0, 3L * CHUNK, OutputStream.nullOutputStream()));
        assertTrue(e.getMessage().contains("ended at " + (2 * CHUNK + 10)), e.getMessage());
        IOException small = assertThrows(IOException.class,
                () -> ReadAhead.copy(new ArrayReader(new byte[5]), 0, 10, OutputStream.nullOutputStream()));
        assertTrue(small.getMessage().contains("ended at 5"), small.getMessage());
    }

    @Test
    void aReadFailureReachesTheWriterAndNothingAfterItIsWritten() {
        byte[] file = random(6 * CHUNK);
        ArrayReader reader = new ArrayReader(file) {
            @Override
            public int read(long position, byte[] buffer, int offset, int length) throws IOException {
                if (position >= 2L * CHUNK) {
                    throw new IOException("sector 4711 unreadable");
                }
                return super.read(position, buffer, offset, length);
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IOException e = assertThrows(IOException.class, () -> ReadAhead.copy(reader, 0, file.length, out));
        assertEquals("sector 4711 unreadable", e.getMessage());
        assertArrayEquals(Arrays.copyOf(file, 2 * CHUNK), out.toByteArray());

        ArrayReader broken = new ArrayReader(file) {
            @Override
            public int read(long position, byte[] buffer, int offset, int length) {
                throw new IllegalStateException("decoder bug");
            }
        };
        IOException wrapped = assertThrows(IOException.class,
                () -> ReadAhead.copy(broken, 0, file.length, OutputStream.nullOutputStream()));
        assertTrue(wrapped.getMessage().contains("decoder bug"), "a runtime failure while reading must not hang "
                + "the writer: " + wrapped.getMessage());
    }

    /**
     * A client that goes away mid-download: the copy fails, the reading thread stops within a chunk or so, reads
     * nothing after the copy returned (the caller closes the reader then), and the FileChannel it reads from is
     * still open for everybody else.
     */
    @Test
    void aClientThatGoesAwayStopsTheReaderWithoutClosingTheSharedChannel() throws Exception {
        byte[] content = random(16 * CHUNK);
        Path image = Files.write(folder.resolve("image.raw"), content);
        try (FileChannel shared = FileChannel.open(image, StandardOpenOption.READ)) {
            ChannelReader reader = new ChannelReader(shared, content.length);
            AtomicInteger writes = new AtomicInteger();
            OutputStream client = new OutputStream() {
                @Override
                public void write(int b) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (writes.incrementAndGet() == 2) {
                        throw new IOException("Broken pipe");
                    }
                }
            };
            IOException e = assertThrows(IOException.class, () -> ReadAhead.copy(reader, 0, content.length, client));
            assertEquals("Broken pipe", e.getMessage());
            long readAtReturn = reader.bytesRead.get();
            assertTrue(readAtReturn <= (long) (ReadAhead.BUFFERS + 2) * CHUNK, "read on after the client left: "
                    + readAtReturn);
            Thread.sleep(200);
            assertEquals(readAtReturn, reader.bytesRead.get(), "the reader went on after the copy returned");
            assertFalse(reader.interrupted.get(), "the reading thread was interrupted");
            assertTrue(shared.isOpen(), "the shared channel was closed under the other readers");
            ByteBuffer probe = ByteBuffer.allocate(4);
            shared.read(probe, 0);
            assertArrayEquals(Arrays.copyOf(content, 4), probe.array());
        }
    }

    @Test
    void manyDownloadsAtOnceAllArriveExactly() throws Exception {
        byte[] file = random(3 * CHUNK + 999);
        Set<Thread> done = ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[20];
        AtomicInteger wrong = new AtomicInteger();
        for (int i = 0; i < threads.length; i++) {
            int start = i * 1000;
            threads[i] = Thread.ofPlatform().start(() -> {
                try {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ReadAhead.copy(new ArrayReader(file), start, file.length - start, out);
                    if (!Arrays.equals(Arrays.copyOfRange(file, start, file.length), out.toByteArray())) {
                        wrong.incrementAndGet();
                    }
                    done.add(Thread.currentThread());
                } catch (IOException e) {
                    wrong.incrementAndGet();
                }
            });
        }
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        assertEquals(threads.length, done.size());
        assertEquals(0, wrong.get());
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A file in memory that hands out at most 64 KiB per read, as the disk readers may. */
    private static class ArrayReader implements ContentReader {
        final byte[] content;
        final AtomicLong bytesRead = new AtomicLong();

        ArrayReader(byte[] content) {
            this.content = content;
        }

        @Override
        public ContentEntry entry() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(long position, byte[] buffer, int offset, int length) throws IOException {
            if (position >= content.length) {
                return -1;
            }
            int n = (int) Math.min(Math.min(length, 64 * 1024), content.length - position);
            System.arraycopy(content, (int) position, buffer, offset, n);
            bytesRead.addAndGet(n);
            return n;
        }

        @Override
        public void close() {
        }
    }

    /** Reads a FileChannel that others share, as the disk image readers do; notes an interrupt. */
    private static final class ChannelReader implements ContentReader {
        final FileChannel channel;
        final long size;
        final AtomicLong bytesRead = new AtomicLong();
        final java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();

        ChannelReader(FileChannel channel, long size) {
            this.channel = channel;
            this.size = size;
        }

        @Override
        public ContentEntry entry() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(long position, byte[] buffer, int offset, int length) throws IOException {
            if (Thread.currentThread().isInterrupted()) {
                interrupted.set(true);
            }
            sleep(5); // a little slower than the client, so the failure comes while reading is under way
            if (position >= size) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(buffer, offset, length), position);
            if (n > 0) {
                bytesRead.addAndGet(n);
            }
            return n;
        }

        @Override
        public void close() {
        }
    }
}
