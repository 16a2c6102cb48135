package org.deskplane.disk.image.internal;

import java.io.IOException;

/** Closes several resources, all of them even when one fails, and reports the first failure. */
public final class Closer {

    private Closer() {
    }

    public static void closeAll(AutoCloseable... resources) throws IOException {
        Exception first = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first instanceof IOException io) {
            throw io;
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first != null) {
            throw new IOException(first);
        }
    }

    /** Closes after a failure, adding any close failure to {@code failure}. */
    public static void closeQuietly(Throwable failure, AutoCloseable... resources) {
        try {
            closeAll(resources);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
