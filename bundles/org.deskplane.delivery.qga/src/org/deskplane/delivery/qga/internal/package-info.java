/**
 * Delivery to guests with only QEMU's guest agent: the {@code qemu-ga} guest processor (a detached shell runner
 * started with guest-exec) and the {@code qga-copy} delivery method (guest-file-write of the payload's files).
 */
package org.deskplane.delivery.qga.internal;
