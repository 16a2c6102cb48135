/** The module host's implementation: verbs, loader, registrations, history, lifecycle events. */
package org.deskplane.modules.internal;
