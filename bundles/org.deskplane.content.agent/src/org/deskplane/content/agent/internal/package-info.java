/**
 * The guest half of content access for a running desktop: {@code content.stat}, {@code content.list} and
 * {@code content.read} channel handlers that serve the files below the configured allowed roots (ConfigAdmin
 * PID {@code org.deskplane.content.agent}) and nothing else. Symbolic links are reported, never followed. The
 * encoding is specified in docs/content-agent-protocol.md. Kept free of JSON libraries: the agent is small.
 */
package org.deskplane.content.agent.internal;
