/** Integration tests of the framework-backed BundleManager, run by tycho-surefire in a real Equinox. */
package org.deskplane.bundles.tests;
