/**
 * The "agent" content backend: the files of a running desktop, read through the in-guest agent over the channel
 * ({@code content.stat}, {@code content.list}, {@code content.read}; docs/content-agent-protocol.md). Read chunks
 * are cached per file version (path and etag), so a slow guest is asked once and a changed file is read anew.
 */
package org.deskplane.content.channel.internal;
