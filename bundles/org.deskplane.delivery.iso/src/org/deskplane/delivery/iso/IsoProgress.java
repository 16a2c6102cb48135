package org.deskplane.delivery.iso;

import org.osgi.annotation.versioning.ConsumerType;

/** Told how far an image write has come; called at most every few MiB and once at the end. */
@ConsumerType
@FunctionalInterface
public interface IsoProgress {

    /** A progress that ignores every report. */
    IsoProgress NONE = (bytes, total) -> {
    };

    /** {@code bytes} of the image's {@code total} bytes are written. */
    void written(long bytes, long total);
}
