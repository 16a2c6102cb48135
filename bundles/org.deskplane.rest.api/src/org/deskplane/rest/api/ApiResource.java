package org.deskplane.rest.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A group of REST routes contributed by one bundle, registered as an OSGi service. The service property
 * {@value #NAME_PROPERTY} names the group (also its OpenAPI tag and the name given in 503 answers while the
 * group is away).
 */
@ConsumerType
public interface ApiResource {

    /** Service property: a short, stable name of this group of routes, e.g. {@code "bundles"}. */
    String NAME_PROPERTY = "deskplane.api.name";

    /** The routes; read once when the service is added, so return a fixed list. */
    List<Route> routes();
}
