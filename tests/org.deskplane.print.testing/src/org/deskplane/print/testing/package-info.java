/**
 * Shared by the printing tests: real PDF documents with known text ({@link org.deskplane.print.testing.TestPdf}),
 * and running the host's tools ({@code pdftotext}, {@code pdfinfo}, {@code lpadmin}) with a deadline
 * ({@link org.deskplane.print.testing.Tools}), and a
 * hypervisor connection that knows given VMs ({@link org.deskplane.print.testing.KnownVms}).
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.deskplane.print.testing;
