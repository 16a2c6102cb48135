/**
 * Content access without running the desktop. A user's {@link org.deskplane.content.api.DataSource}s (their
 * desktops, data disks and shares) are read through one service, {@link org.deskplane.content.api.ContentAccess}
 * (the Content Abstraction Layer), which checks policy and audits every request and hides where the bytes come
 * from: the agent in a running desktop, the virtual disk of a stopped one, or a share. Each of those is a
 * {@link org.deskplane.content.api.ContentSource} service of its own bundle, chosen per request by its
 * {@value org.deskplane.content.api.ContentSource#BACKEND_PROPERTY} property. Where a source is indexed, an optional
 * {@link org.deskplane.content.api.ContentIndex} service lets the CAL search files by their text (since 1.3).
 */
@org.osgi.annotation.versioning.Version("1.3.0")
package org.deskplane.content.api;
