package org.deskplane.disk.api.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.BlockDevices;
import org.deskplane.disk.api.DiskFormatException;
import org.junit.jupiter.api.Test;

class SliceDeviceTest {

    private static byte[] counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Test
    void readsInTheWindowMapToTheDeviceOffsets() throws IOException {
        BlockDevice disk = BlockDevices.memory(counting(200), "disk");
        BlockDevice partition = BlockDevices.slice(disk, 50, 100, "partition 1");
        assertEquals(100, partition.size());
        assertEquals("partition 1 of disk", partition.describe());

        byte[] buffer = new byte[3];
        partition.read(0, buffer, 0, 3);
        assertArrayEquals(new byte[] { 50, 51, 52 }, buffer);
        partition.read(97, buffer, 0, 3);
        assertArrayEquals(new byte[] { (byte) 147, (byte) 148, (byte) 149 }, buffer);
    }

    @Test
    void aSliceOfASliceAddsBothOffsets() throws IOException {
        BlockDevice disk = BlockDevices.memory(counting(200), "disk");
        BlockDevice inner = BlockDevices.slice(BlockDevices.slice(disk, 50, 100, "outer"), 10, 20, "inner");
        byte[] buffer = new byte[2];
        inner.read(5, buffer, 0, 2);
        assertArrayEquals(new byte[] { 65, 66 }, buffer);
    }

    @Test
    void aWindowOutsideTheDeviceIsAFormatError() {
        BlockDevice disk = BlockDevices.memory(new byte[100], "disk");
        DiskFormatException beyond = assertThrows(DiskFormatException.class,
                () -> BlockDevices.slice(disk, 50, 51, "partition 2"));
        assertTrue(beyond.getMessage().contains("partition 2") && beyond.getMessage().contains("disk"),
                beyond.getMessage());
        assertThrows(DiskFormatException.class, () -> BlockDevices.slice(disk, 101, 0, "starts after the end"));
        assertThrows(DiskFormatException.class, () -> BlockDevices.slice(disk, -1, 10, "negative offset"));
        assertThrows(DiskFormatException.class, () -> BlockDevices.slice(disk, 0, -1, "negative length"));
        // offset + length overflows a long: must not wrap round and look valid
        assertThrows(DiskFormatException.class, () -> BlockDevices.slice(disk, 10, Long.MAX_VALUE, "overflowing"));
    }

    @Test
    void windowsTouchingTheEndAreValid() throws IOException {
        BlockDevice disk = BlockDevices.memory(counting(100), "disk");
        assertEquals(100, BlockDevices.slice(disk, 0, 100, "whole").size());
        assertEquals(0, BlockDevices.slice(disk, 100, 0, "empty at the end").size());
    }

    @Test
    void readingPastTheSliceFailsWithEofEvenWhenTheDeviceHasTheBytes() throws IOException {
        BlockDevice disk = BlockDevices.memory(counting(200), "disk");
        BlockDevice partition = BlockDevices.slice(disk, 50, 100, "partition 1");
        byte[] buffer = new byte[10];
        assertThrows(EOFException.class, () -> partition.read(95, buffer, 0, 10));
        assertThrows(EOFException.class, () -> partition.read(100, buffer, 0, 1));
        assertThrows(EOFException.class, () -> partition.read(-1, buffer, 0, 1));
    }

    @Test
    void closingASliceLeavesTheDeviceUsable() throws IOException {
        int[] closes = { 0 };
        BlockDevice disk = new BlockDevice() {
            private final BlockDevice bytes = BlockDevices.memory(counting(100), "disk");

            @Override
            public long size() {
                return bytes.size();
            }

            @Override
            public void read(long offset, byte[] buffer, int bufferOffset, int length) throws IOException {
                if (closes[0] > 0) {
                    throw new IOException("disk is closed");
                }
                bytes.read(offset, buffer, bufferOffset, length);
            }

            @Override
            public String describe() {
                return "disk";
            }

            @Override
            public void close() {
                closes[0]++;
            }
        };
        BlockDevice partition = BlockDevices.slice(disk, 10, 20, "partition 1");
        partition.close();
        assertEquals(0, closes[0], "closing the slice must not close the device it was made from");

        byte[] buffer = new byte[1];
        disk.read(42, buffer, 0, 1);
        assertEquals(42, buffer[0]);
    }
}
