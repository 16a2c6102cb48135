/**
 * The {@code modules} group of REST routes (issue 6): the module store, uploads, load/unload/replace, per-image
 * registrations, the request history, the module trust store and the module policy, over the
 * {@code org.deskplane.modules.api} services. Not exported.
 */
package org.deskplane.modules.rest.internal;
