package org.deskplane.channel.internal.session;

import org.deskplane.channel.internal.wire.FrameCodec;

/**
 * Limits and timings of one endpoint. Every buffer the channel keeps is bounded by one of these:
 * a stream's receive buffer by {@code streamWindow}, a connection's streams by {@code maxStreams}, the
 * outbound queue by {@code queueMaxCount}/{@code queueMaxBytes}, frames not yet written by
 * {@code controlMaxBytes}.
 */
public record ChannelSettings(int maxFrame, int streamWindow, int maxStreams, int heartbeatMillis,
        int handshakeTimeoutMillis, int queueMaxCount, long queueMaxBytes, long controlMaxBytes,
        int streamWriteTimeoutMillis) {

    public static ChannelSettings defaults() {
        return new ChannelSettings(256 << 10, 1 << 20, 32, 5_000, 10_000, 10_000, 64L << 20, 8L << 20, 30_000);
    }

    public ChannelSettings {
        if (maxFrame < FrameCodec.MIN_MAX_FRAME || maxFrame > FrameCodec.HARD_MAX_FRAME) {
            throw new IllegalArgumentException("maxFrame must be within [" + FrameCodec.MIN_MAX_FRAME + ", "
                    + FrameCodec.HARD_MAX_FRAME + "]: " + maxFrame);
        }
        if (streamWindow < 1024 || heartbeatMillis < 10 || queueMaxCount < 1 || maxStreams < 1) {
            throw new IllegalArgumentException("channel settings out of range");
        }
    }

    public ChannelSettings withHeartbeatMillis(int millis) {
        return new ChannelSettings(maxFrame, streamWindow, maxStreams, millis, handshakeTimeoutMillis, queueMaxCount,
                queueMaxBytes, controlMaxBytes, streamWriteTimeoutMillis);
    }

    public ChannelSettings withQueueLimits(int count, long bytes) {
        return new ChannelSettings(maxFrame, streamWindow, maxStreams, heartbeatMillis, handshakeTimeoutMillis, count,
                bytes, controlMaxBytes, streamWriteTimeoutMillis);
    }

    public ChannelSettings withStreamWindow(int window, int writeTimeoutMillis) {
        return new ChannelSettings(maxFrame, window, maxStreams, heartbeatMillis, handshakeTimeoutMillis, queueMaxCount,
                queueMaxBytes, controlMaxBytes, writeTimeoutMillis);
    }

    public ChannelSettings withMaxFrame(int frame) {
        return new ChannelSettings(frame, streamWindow, maxStreams, heartbeatMillis, handshakeTimeoutMillis, queueMaxCount,
                queueMaxBytes, controlMaxBytes, streamWriteTimeoutMillis);
    }
}
