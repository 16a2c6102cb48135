/**
 * Layered desktop images kept in sync. A user's desktop image, the {@link org.deskplane.layers.api.Cvd}, lives on
 * the server as {@link org.deskplane.layers.api.Layer layers}, each a {@link org.deskplane.layers.api.LayerManifest}
 * of files whose content is stored once as content-defined chunks in the {@link org.deskplane.layers.api.CvdStore}.
 * Every upload is an immutable {@link org.deskplane.layers.api.CvdVersion}. Endpoints are bound to a CVD with a
 * {@link org.deskplane.layers.api.Scope}; one of them, the master, may upload system layers, enforced with a lease
 * and a fencing token by the {@link org.deskplane.layers.api.SyncService}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.layers.api;
