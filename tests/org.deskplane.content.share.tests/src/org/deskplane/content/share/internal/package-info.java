/** Tests of the share content backend: confinement to the share's root, atomic writes, errors. */
package org.deskplane.content.share.internal;
