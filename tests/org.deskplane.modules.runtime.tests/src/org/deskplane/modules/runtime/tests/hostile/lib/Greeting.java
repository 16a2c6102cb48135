package org.deskplane.modules.runtime.tests.hostile.lib;

import org.osgi.framework.FrameworkUtil;

/** The exported package of the "library" module that the dependant module imports. */
public final class Greeting {

    private Greeting() {
    }

    public static String libraryVersion() {
        return FrameworkUtil.getBundle(Greeting.class).getVersion().toString();
    }
}
