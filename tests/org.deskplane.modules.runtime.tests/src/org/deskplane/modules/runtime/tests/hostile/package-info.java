/**
 * Module code for the tests: these classes are copied into module jars built at test time and loaded into the
 * module region. The test bundle neither exports nor uses them itself.
 */
package org.deskplane.modules.runtime.tests.hostile;
