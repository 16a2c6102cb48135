/**
 * Tests of the ISO 9660 image builder: images are read back by xorriso, bsdtar, blkid and the project's own
 * reader (org.deskplane.disk.iso9660) and compared with their sources by SHA-256.
 */
package org.deskplane.delivery.iso.tests;
