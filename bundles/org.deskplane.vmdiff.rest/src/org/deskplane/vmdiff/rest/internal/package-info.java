/**
 * The {@code vmdiff} group of REST routes (issue 9): base images, user VMs with their generations and where each
 * copy is, hosts, and the suspend / shut down / release / resume / move operations with their progress. Routes and
 * status mapping: {@code docs/vmdiff-rest.md}.
 */
package org.deskplane.vmdiff.rest.internal;
