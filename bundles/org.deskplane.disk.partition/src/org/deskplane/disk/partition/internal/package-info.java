/**
 * MBR and GPT partition table readers offered as {@link org.deskplane.disk.api.PartitionTableType} services;
 * they read untrusted sectors and check every LBA and count before using it.
 */
package org.deskplane.disk.partition.internal;
