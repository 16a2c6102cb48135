package org.deskplane.hypervisor.demo.tests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The qcow2 header fields the tests check, read from the first 64 KiB of an image (big-endian). */
record Qcow2Header(int magic, int version, int clusterBits, long size, long l1Offset, String backingFile) {

    static Qcow2Header read(Path image) throws IOException {
        byte[] first;
        try (InputStream in = Files.newInputStream(image)) {
            first = in.readNBytes(65536);
        }
        if (first.length < 104) {
            throw new IOException(image + " is too short for a qcow2 header");
        }
        ByteBuffer header = ByteBuffer.wrap(first);
        long nameOffset = header.getLong(8);
        int nameLength = header.getInt(16);
        String backing = null;
        if (nameOffset != 0) {
            if (nameLength <= 0 || nameLength > 1023 || nameOffset + nameLength > first.length) {
                throw new IOException(image + ": backing file name out of range");
            }
            backing = new String(first, (int) nameOffset, nameLength, StandardCharsets.UTF_8);
        }
        return new Qcow2Header(header.getInt(0), header.getInt(4), header.getInt(20), header.getLong(24),
                header.getLong(40), backing);
    }
}
