/**
 * Extension modules as guest software asks for them: the {@link org.deskplane.modules.agent.api.ModuleRequester}
 * service of the agent, which carries each request over the channel to the host's module host and returns its
 * {@link org.deskplane.modules.wire.ModuleAnswer}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.modules.agent.api;
