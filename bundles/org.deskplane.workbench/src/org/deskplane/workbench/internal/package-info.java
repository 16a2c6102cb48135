/** The workbench's login life cycle, certificate trust store, remote service registration and handlers. */
package org.deskplane.workbench.internal;
