/**
 * Unit tests of the QEMU guest agent API's value types: client limits (defaults and validation), exec requests
 * and results, file chunks, agent info and the exception kinds with their messages.
 */
package org.deskplane.qga.api.tests;
