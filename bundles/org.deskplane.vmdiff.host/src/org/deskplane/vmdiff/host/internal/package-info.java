/**
 * A host's side of VM mobility: runs user VMs on overlays of the shared base, turns a suspend into a published
 * generation of the VM's difference, pushes it to the server, and resumes a VM from the newest verified copy — here
 * after it ran elsewhere, or here from the host's own copy while the server cannot be reached. Trigger files in the
 * host's data folder ({@code triggers/<vm>.suspend}, {@code triggers/<vm>.release}) suspend or hand over a VM
 * without any call.
 */
package org.deskplane.vmdiff.host.internal;
