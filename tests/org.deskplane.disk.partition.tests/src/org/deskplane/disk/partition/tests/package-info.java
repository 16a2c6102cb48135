/** Tests of the MBR and GPT readers against images made by sfdisk and sgdisk, corrupt images and a fuzz loop. */
package org.deskplane.disk.partition.tests;
