/**
 * End-to-end tests of content access through the agent: real channel on a Unix socket, guest handlers serving a
 * temporary tree, host ContentSource reading it.
 */
package org.deskplane.content.channel.tests;
