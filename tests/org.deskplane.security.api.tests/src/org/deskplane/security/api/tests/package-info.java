/** Unit tests of the value types of the security API: role order, session expiry, audit defaults. */
package org.deskplane.security.api.tests;
