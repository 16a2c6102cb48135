package org.deskplane.delivery.iso.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** A growing byte array with the ECMA-119 number encodings (little, big and "both" endian). */
final class ByteSink {

    private byte[] bytes;
    private int size;

    ByteSink(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    ByteSink u8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    ByteSink le16(int value) {
        return u8(value).u8(value >>> 8);
    }

    ByteSink be16(int value) {
        return u8(value >>> 8).u8(value);
    }

    /** ECMA-119 7.2.3: both byte orders, little endian first. */
    ByteSink both16(int value) {
        return le16(value).be16(value);
    }

    ByteSink le32(long value) {
        return u8((int) value).u8((int) (value >>> 8)).u8((int) (value >>> 16)).u8((int) (value >>> 24));
    }

    ByteSink be32(long value) {
        return u8((int) (value >>> 24)).u8((int) (value >>> 16)).u8((int) (value >>> 8)).u8((int) value);
    }

    /** ECMA-119 7.3.3: both byte orders, little endian first. */
    ByteSink both32(long value) {
        return le32(value).be32(value);
    }

    ByteSink bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    ByteSink zeros(int count) {
        ensure(count);
        size += count; // the array is zero-filled and never reused
        return this;
    }

    /** Zeros up to the next multiple of {@code unit}. */
    ByteSink padTo(int unit) {
        int rest = size % unit;
        return rest == 0 ? this : zeros(unit - rest);
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes, 0, size);
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
