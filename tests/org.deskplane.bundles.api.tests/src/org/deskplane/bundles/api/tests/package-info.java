/** Unit tests of the bundle management API's exception and records. */
package org.deskplane.bundles.api.tests;
