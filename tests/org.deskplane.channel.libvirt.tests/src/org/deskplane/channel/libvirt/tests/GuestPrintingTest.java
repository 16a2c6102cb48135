package org.deskplane.channel.libvirt.tests;

import static org.deskplane.channel.libvirt.tests.GuestShell.IMAGES;
import static org.deskplane.channel.libvirt.tests.GuestShell.guest;
import static org.deskplane.channel.libvirt.tests.GuestShell.guestOutput;
import static org.deskplane.channel.libvirt.tests.GuestShell.guestRuns;
import static org.deskplane.channel.libvirt.tests.GuestShell.run;
import static org.deskplane.channel.libvirt.tests.GuestShell.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.deskplane.channel.api.HostChannel;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.print.routing.PrintRouter;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.print.routing.VmPrinter;
import org.deskplane.print.testing.TestPdf;
import org.deskplane.print.testing.Tools;
import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestExecRequest;
import org.deskplane.qga.api.GuestExecResult;
import org.deskplane.qga.hypervisor.VmGuestAgents;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;

/**
 * Printing from a real guest to the host's printer: the guest image runs under libvirt with its Deskplane agent,
 * whose virtual printer offers the host's PDF printer on the guest's loopback. An application in the guest prints
 * with {@code lp} through the guest's own CUPS (a queue on {@code ipp://127.0.0.1:8631/…}, no printer driver in the
 * guest); the job crosses the channel, the host's router spools it and the PDF driver writes it: the file on the
 * host is byte for byte the document printed in the guest, and the router's job names the VM's owner.
 */
class GuestPrintingTest {

    private static final String CONNECTION = "print-qemu";

    @Test
    void aDocumentPrintedInTheGuestComesOutOfTheHostPrinter() throws Exception {
        Path image = GuestImage.directory();
        String uuid = UUID.randomUUID().toString();
        Files.createDirectories(IMAGES);
        Path overlay = IMAGES.resolve("print-" + uuid + ".qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b",
                image.resolve("guest.qcow2").toRealPath().toString(), overlay.toString());
        Path printed = Path.of(System.getProperty("deskplane.data"), "print", "pdf");
        List<Path> before = pdfs(printed); // the data directory outlives a run made without clean
        byte[] document = TestPdf.withPages(List.of("Gedruckt in der VM " + uuid.substring(0, 8), "Seite zwei ✓", "page three"));
        Configuration connectionConfig = Services.configureConnection(CONNECTION, "qemu:///system");
        HypervisorConnection connection = null;
        try {
            connection = Services.connected(CONNECTION);
            String xml = LibvirtGuestAgentTest.domainXml(uuid, image, overlay, IMAGES.resolve("print-" + uuid + ".serial.log"))
                    .replace("<memory", "<metadata><dp:vm xmlns:dp='" + HypervisorConnection.METADATA_NAMESPACE + "'>"
                            + "<dp:entry key='owner'>carol</dp:entry></dp:vm></metadata><memory");
            connection.define(xml);
            Services.waitFor("the automatic agent channel setup", Services.TIMEOUT,
                    () -> LibvirtGuestAgentTest.hasSessionConfiguration(uuid));
            connection.start(uuid);
            HostChannel host = Services.service(HostChannel.class);
            waitFor("the agent in the guest authenticated", () -> host.agent(uuid).isConnected());

            PrintRouter router = Services.service(PrintRouter.class);
            List<VmPrinter> printers = router.printersFor(new PrintingContext(CONNECTION, uuid, "", "", "carol"));
            VmPrinter pdf = printers.stream().filter(p -> p.printer().driver().equals("pdf")).findFirst()
                    .orElseThrow(() -> new AssertionError("carol's VM sees no PDF printer: " + printers));

            try (GuestAgentClient qga = Services.service(VmGuestAgents.class).open(new VmId(CONNECTION, uuid))) {
                qga.writeFile("/tmp/report.pdf", document);
                // the guest's CUPS: a raw queue on the agent's virtual printer (no driver, no filter in the guest);
                // cupsd refuses a new queue until it runs, so the first attempts may fail
                waitFor("the guest's cupsd takes a queue on the virtual printer", () -> guestRuns(qga,
                        "lpadmin -p deskplane -E -v ipp://127.0.0.1:8631/ipp/print/" + pdf.id() + " -m raw"));
                waitFor("the agent's virtual printer answers", () -> guestRuns(qga,
                        "lpstat -h 127.0.0.1:8631 -a " + pdf.id() + " || lpstat -p deskplane"));
                GuestExecResult lp = qga.exec(GuestExecRequest.of("/bin/sh", "-c",
                        "lp -d deskplane -t quarterly-report /tmp/report.pdf").withTimeout(Duration.ofSeconds(60)));
                assertEquals(0, lp.exitCode(), "lp in the guest: " + lp.stdoutText() + lp.stderrText());

                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (newPdfs(printed, before).isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        fail("no job came out of the host's PDF printer within 3 min; router jobs: "
                                + router.jobs(CONNECTION + ":" + uuid, 10) + "\nguest: " + guestOutput(qga,
                                "lpstat -t; tail -40 /var/log/cups/error_log; tail -60 /var/lib/deskplane/agent/console.log"));
                    }
                    Thread.sleep(500);
                }
                List<Path> files = newPdfs(printed, before);
                assertEquals(1, files.size(), "printed exactly once: " + files);
                assertEquals(sha256(document), sha256(Files.readAllBytes(files.get(0))),
                        "the host printer got the document the guest printed, byte for byte");
                assertEquals(Tools.pdfText(files.get(0)).toString(), pdfTextOf(document).toString());

                String vmKey = CONNECTION + ":" + uuid;
                waitFor("the router's job completed", () -> router.jobs(vmKey, 10).stream()
                        .anyMatch(j -> j.state() == SpoolState.COMPLETED));
                SpooledJob job = router.jobs(vmKey, 10).get(0);
                assertEquals("carol", job.context().user(), "the user is the VM's owner as the host knows it");
                assertEquals(pdf.id(), job.vmPrinterId());
                assertEquals(document.length, job.bytes());
                // the guest's CUPS follows the job on the virtual printer and ends it when the host says it completed
                waitFor("the guest's CUPS saw the job complete", () -> guestOutput(qga, "lpstat -W completed -o deskplane")
                        .contains("deskplane-") && !guestOutput(qga, "lpstat -o deskplane").contains("deskplane-"));
            }
        } finally {
            TestVms.remove(connection, uuid);
            connectionConfig.delete();
            Files.deleteIfExists(overlay);
        }
    }

    private static List<Path> newPdfs(Path directory, List<Path> before) {
        return pdfs(directory).stream().filter(f -> !before.contains(f)).toList();
    }

    private static List<Path> pdfs(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pdf") && !f.getFileName().toString().startsWith("."))
                    .toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static List<String> pdfTextOf(byte[] document) throws Exception {
        Path file = Files.createTempFile("original", ".pdf");
        try {
            Files.write(file, document);
            return Tools.pdfText(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
