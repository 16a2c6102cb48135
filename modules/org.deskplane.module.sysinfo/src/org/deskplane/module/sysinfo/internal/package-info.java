/** The {@code sysinfo.host} channel verb of the sample protocol module. */
package org.deskplane.module.sysinfo.internal;
