package org.deskplane.disk.api.tests;

import static org.deskplane.disk.api.BlockDevices.checkRange;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;

import org.deskplane.disk.api.BlockDevice;
import org.junit.jupiter.api.Test;

class CheckRangeTest {

    /** A device of any size without bytes behind it: checkRange looks only at size() and describe(). */
    private static BlockDevice ofSize(long size) {
        return new BlockDevice() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public void read(long offset, byte[] buffer, int bufferOffset, int length) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String describe() {
                return "device of " + size;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void rangesWithinTheDevicePass() {
        BlockDevice device = ofSize(100);
        assertDoesNotThrow(() -> checkRange(device, 0, 100));
        assertDoesNotThrow(() -> checkRange(device, 99, 1));
        assertDoesNotThrow(() -> checkRange(device, 100, 0));
    }

    @Test
    void negativeOffsetOrLengthIsRefused() {
        BlockDevice device = ofSize(100);
        EOFException e = assertThrows(EOFException.class,
                () -> checkRange(device, -1, 1));
        assertTrue(e.getMessage().contains("device of 100"), e.getMessage());
        assertThrows(EOFException.class, () -> checkRange(device, Long.MIN_VALUE, 0));
        assertThrows(EOFException.class, () -> checkRange(device, 0, -1));
    }

    @Test
    void rangesEndingPastTheDeviceAreRefused() {
        BlockDevice device = ofSize(100);
        assertThrows(EOFException.class, () -> checkRange(device, 100, 1));
        assertThrows(EOFException.class, () -> checkRange(device, 101, 0));
        assertThrows(EOFException.class, () -> checkRange(device, 50, 51));
    }

    @Test
    void offsetPlusLengthMustNotOverflowIntoAValidRange() {
        // offset + length wraps to a negative long: a naive "offset + length > size" would let it through
        BlockDevice huge = ofSize(Long.MAX_VALUE);
        assertThrows(EOFException.class,
                () -> checkRange(huge, Long.MAX_VALUE - 10, 11));
        assertThrows(EOFException.class,
                () -> checkRange(huge, Long.MAX_VALUE, Integer.MAX_VALUE));
        assertDoesNotThrow(() -> checkRange(huge, Long.MAX_VALUE - 10, 10));
        assertDoesNotThrow(() -> checkRange(huge, Long.MAX_VALUE, 0));
    }
}
