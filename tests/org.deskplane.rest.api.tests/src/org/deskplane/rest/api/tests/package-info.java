/** Unit tests of the REST contract's value types: route validation, results, problems. */
package org.deskplane.rest.api.tests;
