/**
 * Unit tests of the content access API's value types: required location attributes, policy rule defaults,
 * entries and the reason an exception carries.
 */
package org.deskplane.content.api.tests;
