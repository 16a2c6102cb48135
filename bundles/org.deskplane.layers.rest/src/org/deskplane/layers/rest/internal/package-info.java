/** The {@code /api/layers} routes; not exported (bundles contribute routes as {@code ApiResource} services). */
package org.deskplane.layers.rest.internal;
