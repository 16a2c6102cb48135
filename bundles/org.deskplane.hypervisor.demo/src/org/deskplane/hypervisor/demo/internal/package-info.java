/**
 * The demo inventory: on a server's first start, demo disk images and libvirt {@code test:///} node files are
 * written under {@code ${deskplane.data}/demo/} and one libvirt connection per demo host is configured, so a new
 * server shows hosts and VMs without any hypervisor installed. See the bundle's README.
 */
package org.deskplane.hypervisor.demo.internal;
