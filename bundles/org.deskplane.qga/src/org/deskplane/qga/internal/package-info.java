/**
 * The QEMU guest agent client: {@link org.deskplane.qga.internal.QgaCodec} (bounded JSON in and out, QGA
 * errors to exceptions), {@link org.deskplane.qga.internal.UnixSocketQgaTransport} (line framing and
 * {@code guest-sync-delimited} over a Unix socket), {@link org.deskplane.qga.internal.QgaClient} (the
 * commands) and the {@code GuestAgentClients} DS service.
 */
package org.deskplane.qga.internal;
