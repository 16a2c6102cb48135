/**
 * The security provider: users with slow salted password hashes, in-memory bearer-token sessions with
 * login throttling, and a hash-chained append-only audit log. Plain classes hold the logic (unit tested
 * without a framework); the {@code *Component} classes only wire them up as Declarative Services.
 */
package org.deskplane.security.internal;
