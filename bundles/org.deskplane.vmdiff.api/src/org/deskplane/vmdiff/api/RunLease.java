package org.deskplane.vmdiff.api;

/**
 * The right to run one user VM, held by one host (or the server) at a time. The token grows with every grant, so a
 * holder that lost the lease cannot publish with its old token (fencing).
 */
public record RunLease(String vm, String holder, long token) {
}
