/** Integration tests of the agent bundle's handlers and configurator, and of the agent launcher's options. */
package org.deskplane.agent.tests;
