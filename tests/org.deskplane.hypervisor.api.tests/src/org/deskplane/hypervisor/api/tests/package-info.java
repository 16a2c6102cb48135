/**
 * Unit tests of the hypervisor API's value types: VM identity, error kinds and messages, snapshot records that
 * keep what they are given (and cannot be changed afterwards), disk defaults and the EventAdmin topic names.
 */
package org.deskplane.hypervisor.api.tests;
