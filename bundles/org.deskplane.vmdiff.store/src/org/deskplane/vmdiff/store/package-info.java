/**
 * One computer's copy of VM differences, as files: per VM a folder per generation holding the overlay (backed by
 * this computer's copy of the base image), the cluster index, and the saved memory state with its block index.
 * A generation is staged in a hidden folder and published by one atomic rename, so a crash at any point leaves the
 * previous generations as they were. {@link org.deskplane.vmdiff.store.DeltaPull} brings a copy up to date from
 * another one, transferring only clusters and memory blocks it does not already hold, each checked against its
 * SHA-256.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.vmdiff.store;
