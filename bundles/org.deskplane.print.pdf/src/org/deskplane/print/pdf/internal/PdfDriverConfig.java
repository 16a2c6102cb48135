package org.deskplane.print.pdf.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Deskplane PDF directory printer",
        description = "A printer that writes each job as a PDF file into a directory")
public @interface PdfDriverConfig {

    @AttributeDefinition(description = "Where the PDF files go; empty: <deskplane.data>/print/pdf")
    String directory() default "";

    @AttributeDefinition(description = "The driver id, also the print.driver service property")
    String print_driver() default "pdf";

    @AttributeDefinition(description = "The id of the one printer")
    String printerId() default "pdf";

    @AttributeDefinition(description = "The printer's name for people")
    String printerName() default "PDF files";

    @AttributeDefinition(description = "Where the printer is, for people")
    String location() default "";

    @AttributeDefinition(description = "Free space kept on the directory's file system: jobs are refused (spool-area-full) below it")
    long reserveBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(description = "Largest document accepted, in bytes")
    long maxJobBytes() default 1024L * 1024 * 1024;
}
