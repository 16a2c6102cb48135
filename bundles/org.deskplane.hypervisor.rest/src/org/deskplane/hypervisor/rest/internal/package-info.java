/** The hypervisor REST resource (see the bundle README for routes, roles and error statuses). */
package org.deskplane.hypervisor.rest.internal;
