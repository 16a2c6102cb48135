package org.deskplane.disk.api.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeviceTest {

    @TempDir
    Path dir;

    /** {@code length} bytes where byte i is (i * 7) mod 256, so every offset has a recognisable value. */
    private Path pattern(int length) throws IOException {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        return Files.write(dir.resolve("raw.img"), bytes);
    }

    private static byte[] expected(int from, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ((from + i) * 7);
        }
        return bytes;
    }

    @Test
    void readsTheBytesAtTheGivenOffsetsIntoTheBufferPosition() throws IOException {
        Path file = pattern(1000);
        try (BlockDevice device = BlockDevices.file(file)) {
            assertEquals(1000, device.size());
            assertEquals(file.toString(), device.describe());

            byte[] buffer = new byte[20];
            Arrays.fill(buffer, (byte) 0x55);
            device.read(123, buffer, 5, 10);
            assertArrayEquals(expected(123, 10), Arrays.copyOfRange(buffer, 5, 15));
            // bytes outside [bufferOffset, bufferOffset + length) stay untouched
            assertEquals((byte) 0x55, buffer[4]);
            assertEquals((byte) 0x55, buffer[15]);

            byte[] last = new byte[4];
            device.read(996, last, 0, 4);
            assertArrayEquals(expected(996, 4), last);

            byte[] whole = new byte[1000];
            device.read(0, whole, 0, 1000);
            assertArrayEquals(expected(0, 1000), whole);
        }
    }

    @Test
    void readsOutsideTheFileFailWithEof() throws IOException {
        try (BlockDevice device = BlockDevices.file(pattern(100))) {
            byte[] buffer = new byte[16];
            EOFException past = assertThrows(EOFException.class, () -> device.read(90, buffer, 0, 11));
            assertTrue(past.getMessage().contains("raw.img"), past.getMessage());
            assertThrows(EOFException.class, () -> device.read(100, buffer, 0, 1));
            assertThrows(EOFException.class, () -> device.read(-1, buffer, 0, 1));
            // an empty read right at the end is within the device
            device.read(100, buffer, 0, 0);
        }
    }

    @Test
    void closeClosesTheFile() throws IOException {
        BlockDevice device = BlockDevices.file(pattern(100));
        device.close();
        assertThrows(ClosedChannelException.class, () -> device.read(0, new byte[1], 0, 1));
    }

    @Test
    void aMissingFileCannotBeOpened() {
        assertThrows(IOException.class, () -> BlockDevices.file(dir.resolve("absent.img")));
    }
}
