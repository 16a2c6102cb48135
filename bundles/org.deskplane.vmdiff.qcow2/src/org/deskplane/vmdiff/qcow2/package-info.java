/**
 * The qcow2 part of VM difference sync (issue 9): a user VM's disk is a qcow2 overlay whose backing file is a
 * shared base image, and only the clusters the overlay itself holds travel between server and hosts.
 * <p>
 * {@link org.deskplane.vmdiff.qcow2.Qcow2Image} reads one qcow2 file's own allocation map (v2 and v3, never
 * following the backing chain) and the bytes of the clusters it allocates; it treats the file as untrusted and
 * refuses anything corrupt or using a feature it does not support with a
 * {@link org.deskplane.vmdiff.qcow2.Qcow2Exception}. {@link org.deskplane.vmdiff.qcow2.Qcow2Writer} writes a new
 * qcow2 v3 overlay cluster by cluster (data and zero clusters in any order) with a correct refcount structure,
 * so that {@code qemu-img check} finds nothing to complain about.
 * <p>
 * Plain Java, no services: the sync, store and host bundles call these classes directly.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.vmdiff.qcow2;
