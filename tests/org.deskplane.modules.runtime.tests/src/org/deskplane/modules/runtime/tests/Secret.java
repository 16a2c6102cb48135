package org.deskplane.modules.runtime.tests;

/** A service interface of the server that the module region does not grant. */
public interface Secret {
}
