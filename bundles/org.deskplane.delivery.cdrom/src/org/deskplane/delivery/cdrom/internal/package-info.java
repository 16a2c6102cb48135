/**
 * Delivery by virtual CD-ROM ("hot insert"): the payload's read-only ISO image goes into an empty CD-ROM drive of
 * the VM and is ejected afterwards. One image serves every VM at once, since no guest can write to a CD.
 */
package org.deskplane.delivery.cdrom.internal;
