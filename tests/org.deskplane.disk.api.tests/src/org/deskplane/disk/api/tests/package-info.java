/**
 * Unit tests of the disk reader API's building blocks: the file, memory and slice block devices with their
 * range checks, and the immutability of {@link org.deskplane.disk.api.FileEntry}.
 */
package org.deskplane.disk.api.tests;
