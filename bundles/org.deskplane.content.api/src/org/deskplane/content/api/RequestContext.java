package org.deskplane.content.api;

import java.net.InetAddress;

import org.deskplane.security.api.Role;

/**
 * Who asks, from where and how: what policies are decided on.
 *
 * @param user       the user name
 * @param role       their role
 * @param address    the client's address
 * @param formFactor "desktop", "tablet" or "phone" (from the client's User-Agent; "desktop" when unknown)
 */
public record RequestContext(String user, Role role, InetAddress address, String formFactor) {
}
