/**
 * The Inventory part: hypervisor hosts → VMs → devices, read off the UI thread from whatever
 * {@code HypervisorConnection} services there are (remote or embedded), and the VM actions.
 */
package org.deskplane.hypervisor.ui.internal;
