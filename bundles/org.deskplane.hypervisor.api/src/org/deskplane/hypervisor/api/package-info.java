/**
 * Hypervisor API: connections to hypervisor hosts (one {@link org.deskplane.hypervisor.api.HypervisorConnection}
 * service per configured connection, service property {@value org.deskplane.hypervisor.api.HypervisorConnection#ID_PROPERTY}),
 * virtual machines identified by connection id + UUID ({@link org.deskplane.hypervisor.api.VmId}), their
 * lifecycle, saved state files and transient VMs, snapshots, removable media, disks, point-in-time disk exports and Deskplane metadata.
 * <p>
 * Failures are {@link org.deskplane.hypervisor.api.HypervisorException}s with a
 * {@link org.deskplane.hypervisor.api.HypervisorException.Kind}; an operation the hypervisor driver refuses
 * (e.g. device changes on libvirt's {@code test:///} driver) is a
 * {@link org.deskplane.hypervisor.api.NotSupportedException}.
 * <p>
 * Providers post EventAdmin events on the topics in {@link org.deskplane.hypervisor.api.HypervisorEvents}:
 * {@code org/deskplane/hypervisor/vm/<TYPE>} for domain lifecycle changes (DEFINED, UNDEFINED, STARTED,
 * SUSPENDED, RESUMED, STOPPED, SHUTDOWN, PMSUSPENDED, CRASHED, CHANGED) with the properties {@code connection},
 * {@code uuid}, {@code name}, {@code state}, {@code detail}; and {@code org/deskplane/hypervisor/connection/<STATE>}
 * (CONNECTED, DISCONNECTED) with {@code connection}, {@code uri} and, when disconnected, {@code error}.
 */
@org.osgi.annotation.versioning.Version("1.5.0")
package org.deskplane.hypervisor.api;
