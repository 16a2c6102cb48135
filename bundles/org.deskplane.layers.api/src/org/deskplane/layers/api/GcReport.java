package org.deskplane.layers.api;

/** What a garbage collection did. */
public record GcReport(long chunksKept, long chunksDeleted, long bytesFreed, long chunksSparedForUploads) {
}
