/**
 * The server's side of VM differences: the server's copy of every user VM's generations (the file server of the
 * seed's figures 22–24) and the table of run leases that keeps a VM from running in two places.
 */
package org.deskplane.vmdiff.server.internal;
