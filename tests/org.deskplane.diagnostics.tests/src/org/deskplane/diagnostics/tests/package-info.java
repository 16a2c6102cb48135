/** Integration test of the diagnostics REST resource in a running framework. */
package org.deskplane.diagnostics.tests;
