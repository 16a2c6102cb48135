/**
 * The "share" content backend: a directory of this server (a local folder or a mounted network share) as a
 * data source. Nothing outside the share's root is ever reachable: symbolic links are reported, not followed
 * out of it. Writes go to a temporary file that replaces the target only when complete.
 */
package org.deskplane.content.share.internal;
