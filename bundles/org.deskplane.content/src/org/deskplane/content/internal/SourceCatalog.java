package org.deskplane.content.internal;

import java.util.List;

import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.DataSource;
import org.deskplane.content.api.RequestContext;

/** Contributes data sources (a service of this bundle only: desktops, shares). */
public interface SourceCatalog {

    /** A data source and where its content is now. */
    record Entry(DataSource source, ContentLocation location) {
    }

    /** The sources {@code context}'s user may see. */
    List<Entry> sourcesOf(RequestContext context);

    /**
     * Starts the desktop behind {@code entry} instead of mounting its disk (policy effect POWER_ON); false when
     * this catalog does not own the entry or cannot start it.
     */
    default boolean powerOn(Entry entry) {
        return false;
    }
}
