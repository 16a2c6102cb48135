/**
 * The ClamAV scan module: an EventHandler on the host's VM start event that runs clamscan over the VM's disk
 * images (and host folders configured for the VM) with a locally built signature database and vetoes the start
 * on a detection.
 */
package org.deskplane.module.clamscan.internal;
