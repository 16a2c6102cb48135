/**
 * Unit tests of the channel API's contract pieces: the protocol error codes of ChannelException (as written in
 * docs/channel-protocol.md), the whiteboard service property names, the records and ChannelPeer's default timeout.
 */
package org.deskplane.channel.api.tests;
