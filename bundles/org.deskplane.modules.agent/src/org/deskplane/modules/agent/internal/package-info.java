/**
 * The guest side of extension modules: {@link org.deskplane.modules.agent.internal.HostModules} carries the module
 * verbs over the agent's channel peer; {@link org.deskplane.modules.agent.internal.LocalControlComponent} serves them
 * on the guest's loopback for the {@code deskplane-module} command-line tool.
 */
package org.deskplane.modules.agent.internal;
