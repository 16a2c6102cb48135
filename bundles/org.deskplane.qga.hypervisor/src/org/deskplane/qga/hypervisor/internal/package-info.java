/**
 * The {@link org.deskplane.qga.hypervisor.VmGuestAgents} service and the
 * {@link org.deskplane.qga.api.QgaTransport} that carries each command through
 * {@link org.deskplane.hypervisor.api.HypervisorConnection#guestAgentCommand}.
 */
package org.deskplane.qga.hypervisor.internal;
