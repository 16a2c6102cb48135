/**
 * What the Deskplane workbench offers the capabilities' {@code *.ui} bundles: the ids of its commands and
 * part stack (where model fragments add parts), the event topics parts listen to, and the
 * {@link org.deskplane.workbench.OperationRunner} that runs server calls off the UI thread.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.deskplane.workbench;
