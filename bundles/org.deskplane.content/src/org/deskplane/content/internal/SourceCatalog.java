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
     * The one source {@code sourceId} if the user may see it. Each request resolves its source this way, so a
     * catalog that can find one source without listing all of them overrides it.
     */
    default java.util.Optional<Entry> find(RequestContext context, String sourceId) {
        return sourcesOf(context).stream().filter(e -> e.source().id().equals(sourceId)).findFirst();
    }

    /**
     * Starts the desktop behind {@code entry} instead of mounting its disk (policy effect POWER_ON); false when
     * this catalog does not own the entry or cannot start it.
     */
    default boolean powerOn(Entry entry) {
        return false;
    }

    /** The applications the user's sources from this catalog offer. */
    default List<org.deskplane.content.api.Application> applicationsOf(RequestContext context) {
        return List.of();
    }
}
