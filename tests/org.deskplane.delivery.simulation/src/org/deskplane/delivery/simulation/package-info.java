/**
 * Test-only stand-ins for what libvirt's test driver cannot do and for guest agents: a delivery method that attaches
 * nothing real and counts ({@link org.deskplane.delivery.simulation.SimulatedDevice}), and guest agents over Unix
 * sockets ({@link org.deskplane.delivery.simulation.SimulatedAgents}) with their processor. The engine tests register
 * them in their framework; installed and started in a real server, {@link org.deskplane.delivery.simulation.SimulationActivator}
 * registers them there (never shipped: this bundle is not in any feature).
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.delivery.simulation;
