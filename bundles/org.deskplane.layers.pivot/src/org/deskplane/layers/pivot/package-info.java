/**
 * Staged trees and the atomic pivot of system layers (base OS, applications) on an endpoint: the sync client
 * writes a new layer version into a {@link org.deskplane.layers.pivot.StagingArea} (a 0700 directory in the
 * endpoint's state directory), seals it, and at the next agent start {@link org.deskplane.layers.pivot.Pivot}
 * moves it into place under a write-ahead journal, so that a crash at any point followed by
 * {@link org.deskplane.layers.pivot.Pivot#recover} leaves either the complete old tree or the complete new one.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.layers.pivot;
