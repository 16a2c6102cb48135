/**
 * libvirt provider of the hypervisor API: one {@link LibvirtConnectionComponent} per ConfigurationAdmin factory
 * configuration ({@value LibvirtConnectionComponent#FACTORY_PID}), each with its own worker thread that connects,
 * reconnects with backoff and keeps the shared EMF inventory current from libvirt's domain lifecycle events.
 */
package org.deskplane.hypervisor.libvirt.internal;
