/** Tests of the ISO 9660 reader against xorriso images of seeded random trees, corrupt images and a fuzz loop. */
package org.deskplane.disk.iso9660.tests;
