/** Tests of the disk content backend: the view over fake file systems, and the source over real services. */
package org.deskplane.content.disk.internal;
