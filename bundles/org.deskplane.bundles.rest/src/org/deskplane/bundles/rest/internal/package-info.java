/** REST routes for bundle and feature management. Not exported. */
package org.deskplane.bundles.rest.internal;
