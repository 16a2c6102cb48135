/**
 * Framework- and p2-backed implementation of the bundle management API. Not exported.
 */
package org.deskplane.bundles.internal;
