package org.deskplane.print.cups.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane CUPS printer driver",
        description = "Prints to the queues of a CUPS server over IPP")
public @interface CupsDriverConfig {

    @AttributeDefinition(description = "The CUPS server: ipp://host:port (ipps:// for TLS)")
    String cupsUri() default "ipp://localhost:631";

    @AttributeDefinition(description = "The driver id, also the print.driver service property")
    String print_driver() default "cups";

    @AttributeDefinition(description = "How often the queue list is read to notice added, removed and changed printers")
    int pollIntervalSeconds() default 5;

    @AttributeDefinition(description = "requesting-user-name of every request: CUPS makes this user the owner of Deskplane's jobs")
    String requestingUserName() default "deskplane";

    @AttributeDefinition(description = "Connect and answer timeout of one IPP request (a document upload is not limited)")
    int requestTimeoutSeconds() default 30;
}
