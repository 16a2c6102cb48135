package org.deskplane.disk.api.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;
import org.junit.jupiter.api.Test;

class MemoryDeviceTest {

    @Test
    void readsTheArrayWithoutCopyingIt() throws IOException {
        byte[] bytes = { 1, 2, 3, 4, 5 };
        BlockDevice device = BlockDevices.memory(bytes, "in memory");
        assertEquals(5, device.size());
        assertEquals("in memory", device.describe());

        byte[] buffer = new byte[4];
        device.read(1, buffer, 1, 3);
        assertArrayEquals(new byte[] { 0, 2, 3, 4 }, buffer);

        // documented: the array is not copied, so a change shows through (tests mutate images this way)
        bytes[4] = 99;
        device.read(4, buffer, 0, 1);
        assertEquals(99, buffer[0]);
    }

    @Test
    void readsOutsideTheArrayFailWithEof() {
        BlockDevice device = BlockDevices.memory(new byte[5], "in memory");
        byte[] buffer = new byte[8];
        assertThrows(EOFException.class, () -> device.read(3, buffer, 0, 3));
        assertThrows(EOFException.class, () -> device.read(-2, buffer, 0, 1));
        assertThrows(EOFException.class, () -> device.read(6, buffer, 0, 0));
    }
}
