/** The package the test "library" module exports (in versions 1.0.0 and 1.1.0). */
package org.deskplane.modules.runtime.tests.hostile.lib;
