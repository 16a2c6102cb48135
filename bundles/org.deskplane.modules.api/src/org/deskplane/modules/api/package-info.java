/**
 * Extension modules: signed OSGi bundles that software inside a VM asks the host to load into an isolated part of
 * the server. {@link org.deskplane.modules.api.ModuleHost} is the one entry point for every verb (query, upload,
 * load, register for a VM image, replace, unload, configure, status); the guest's requests arrive over the channel,
 * the administrator's over REST, and both go through trust ({@link org.deskplane.modules.api.ModuleTrust}), policy
 * ({@link org.deskplane.modules.api.ModulePolicies}) and the audit log. {@link org.deskplane.modules.api.LifecycleTopics}
 * names the EventAdmin topics modules subscribe to.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.modules.api;
