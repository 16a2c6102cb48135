/** Linux layer shims (DS components) and the file formats they edit; not exported. */
package org.deskplane.layers.shims.linux.internal;
