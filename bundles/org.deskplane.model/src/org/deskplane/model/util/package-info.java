/** EMF-generated switch and adapter factory for the Deskplane inventory model (see {@code org.deskplane.model}). */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.deskplane.model.util;
