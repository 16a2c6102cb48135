/** Tests of the guest↔host channel ("Channel: …" in issue 3). */
package org.deskplane.channel.tests;
