package org.deskplane.qga.api;

import java.time.Duration;

/**
 * Limits of one client: {@code callTimeout} bounds every single agent call (guest-exec has its own timeout
 * in {@link GuestExecRequest}); {@code maxResponseBytes} caps one response, so an agent that sends without
 * end costs bounded memory; {@code fileChunkBytes} is the size of one guest-file-read/write.
 */
public record GuestAgentOptions(Duration callTimeout, int maxResponseBytes, int fileChunkBytes) {

    /** 10 s per call, 16 MiB per response, 64 KiB file chunks. */
    public static final GuestAgentOptions DEFAULTS = new GuestAgentOptions(Duration.ofSeconds(10), 16 << 20, 64 << 10);

    /** Smallest response cap: a guest-info answer of a current qemu-ga is several KiB. */
    public static final int MIN_RESPONSE_BYTES = 4096;

    public GuestAgentOptions {
        if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive, was " + callTimeout);
        }
        if (maxResponseBytes < MIN_RESPONSE_BYTES) {
            throw new IllegalArgumentException("maxResponseBytes must be at least " + MIN_RESPONSE_BYTES + ", was " + maxResponseBytes);
        }
        // a base64 chunk plus the JSON around it must fit in one response
        if (fileChunkBytes < 1 || (long) fileChunkBytes * 4 / 3 + 1024 > maxResponseBytes) {
            throw new IllegalArgumentException("fileChunkBytes must be between 1 and about 3/4 of maxResponseBytes, was " + fileChunkBytes);
        }
    }

    public GuestAgentOptions withCallTimeout(Duration timeout) {
        return new GuestAgentOptions(timeout, maxResponseBytes, fileChunkBytes);
    }

    public GuestAgentOptions withMaxResponseBytes(int bytes) {
        return new GuestAgentOptions(callTimeout, bytes, Math.min(fileChunkBytes, Math.max(1, (bytes - 1024) * 3 / 4)));
    }

    public GuestAgentOptions withFileChunkBytes(int bytes) {
        return new GuestAgentOptions(callTimeout, maxResponseBytes, bytes);
    }
}
