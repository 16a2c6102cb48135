/**
 * The agent product's own bundle: turns the launcher's options (framework properties
 * {@code deskplane.agent.*}) into the channel's agent configuration, and provides the built-in guest-side
 * handlers {@code agent.info} and {@code echo}. Later capabilities add their guest halves as more
 * MessageHandler/StreamHandler services.
 */
package org.deskplane.agent.internal;
