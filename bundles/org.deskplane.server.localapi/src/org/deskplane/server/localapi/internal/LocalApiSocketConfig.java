package org.deskplane.server.localapi.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane local API socket",
        description = "The REST API on a Unix-domain socket for tools on the server's own machine")
@interface LocalApiSocketConfig {
    @AttributeDefinition(description = "Serve the API on the socket at all")
    boolean enabled() default true;

    @AttributeDefinition(description = "The socket file; empty: run/api.sock in the data directory (deskplane.data)")
    String path() default "";

    @AttributeDefinition(description = "Permissions of the socket file, as in ls -l: rw------- (the server's user "
            + "only) or rw-rw---- (and its group)")
    String mode() default "rw-------";
}
