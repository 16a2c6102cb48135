package org.deskplane.disk.api;

/**
 * One partition found on a device.
 *
 * @param number the partition's number as the OS would name it (MBR: 1–4 primary, 5… logical; GPT: entry
 *               index + 1)
 * @param offset its first byte on the device
 * @param length its length in bytes
 * @param scheme "mbr" or "gpt"
 * @param type   the type as the table states it: MBR "0x83", GPT the type GUID in lower case
 * @param name   the GPT partition name, or "" where the table has none
 */
public record Partition(int number, long offset, long length, String scheme, String type, String name) {
}
