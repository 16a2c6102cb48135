/**
 * Content-defined chunking of layer files and scanning of endpoint trees into layer manifests. The server and the
 * endpoints cut the same bytes at the same places, so a chunk is identified (SHA-256) and stored once wherever it
 * appears, and an insertion in a large file changes only the chunks around it.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.deskplane.layers.chunking;
