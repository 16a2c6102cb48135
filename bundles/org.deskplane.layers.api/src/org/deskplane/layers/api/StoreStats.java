package org.deskplane.layers.api;

/**
 * Sizes of the store: {@code logicalBytes} is what all versions' files add up to, {@code storedBytes} what the
 * chunks take (so the dedup ratio is logical / stored).
 */
public record StoreStats(long cvds, long versions, long chunks, long storedBytes, long logicalBytes) {
}
