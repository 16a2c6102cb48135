/** NBD protocol client: handshake and reads ({@code NbdConnection}), a pooled block device, the DS service. */
package org.deskplane.disk.nbd.internal;
