package org.deskplane.print.wire.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.routing.PrintingContext;
import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.print.routing.VmPrinter;
import org.deskplane.print.wire.Answer;
import org.deskplane.print.wire.JobHeader;
import org.deskplane.print.wire.JobInfo;
import org.deskplane.print.wire.PrintWire;
import org.deskplane.print.wire.PrinterList;
import org.deskplane.print.wire.WireReader;
import org.deskplane.print.wire.WireWriter;
import org.junit.jupiter.api.Test;

/** Every message of the protocol reads back as what was written, and every body starts with version 1. */
class RoundTripTest {

    @Test
    void printersAnswer() throws Exception {
        byte[] body = Messages.printersAnswer();
        assertEquals(PrintWire.VERSION, body[0]);

        WireReader r = Answer.read(body);
        List<VmPrinter> printers = PrinterList.read(r);
        r.end();

        assertEquals(Messages.printers(), printers);
    }

    @Test
    void thePrintersDriverIsNotToldToTheGuest() throws Exception {
        HostPrinter cups = Messages.printers().get(0).printer();
        VmPrinter hostSide = new VmPrinter("cups.office", new HostPrinter("cups", "office", cups.name(),
                cups.location(), cups.state(), cups.stateReasons(), cups.acceptingJobs(), cups.capabilities()), true);
        WireWriter w = Answer.ok();
        PrinterList.write(w, List.of(hostSide));

        HostPrinter guestSide = PrinterList.read(Answer.read(w.toBytes())).get(0).printer();

        assertEquals("host", guestSide.driver());
        assertEquals("cups.office", guestSide.id());
    }

    @Test
    void anEmptyPrinterList() throws Exception {
        WireWriter w = Answer.ok();
        PrinterList.write(w, List.of());
        WireReader r = Answer.read(w.toBytes());

        assertEquals(List.of(), PrinterList.read(r));
        r.end();
    }

    @Test
    void statusRequestAndAnswer() throws Exception {
        List<String> ids = List.of("job-1", "job.2", "job_3");
        WireReader request = WireReader.of(Messages.statusRequest(ids));
        assertEquals(ids, request.strings());
        request.end();

        WireReader answer = Answer.read(Messages.statusAnswer());
        assertEquals(Messages.jobs(), JobInfo.readList(answer));
        answer.end();
    }

    @Test
    void cancelRequestAndAnswer() throws Exception {
        WireReader request = WireReader.of(Messages.cancelRequest("job-1"));
        assertEquals("job-1", request.str());
        request.end();

        JobInfo cancelled = new JobInfo("job-1", SpoolState.CANCELLED, "by the user", 1, 2048);
        WireWriter w = Answer.ok();
        cancelled.write(w);
        WireReader answer = Answer.read(w.toBytes());
        assertEquals(cancelled, JobInfo.read(answer));
        answer.end();
    }

    @Test
    void submitHeaderAndAnswer() throws Exception {
        assertEquals(Messages.header(), JobHeader.read(Messages.header().toBytes()));
        assertEquals(Messages.plainHeader(), JobHeader.read(Messages.plainHeader().toBytes()));

        JobInfo spooled = new JobInfo("guest-0001.a_b", SpoolState.SPOOLED, "", 0, 12345);
        WireWriter w = Answer.ok();
        spooled.write(w);
        WireReader answer = Answer.read(w.toBytes());
        assertEquals(spooled, JobInfo.read(answer));
        answer.end();
    }

    @Test
    void theHeaderBecomesTheRequestWithTheHostsVmKey() {
        JobHeader header = Messages.header();
        PrintJobRequest request = header.toRequest("qemu:4f3c");

        assertEquals(header.key(), request.idempotencyKey());
        assertEquals("application/pdf", request.documentFormat());
        assertEquals("Quarterly report", request.jobName());
        assertEquals(new PrintJobRequest.Origin("bob", "qemu:4f3c", "libreoffice"), request.origin());
        assertEquals(header.options(), request.options());
    }

    @Test
    void jobChangedEventCarriesTheSpooledJob() throws Exception {
        PrintingContext context = new PrintingContext("qemu", "4f3c", "desk-1", "", "alice");
        java.time.Instant now = java.time.Instant.now();
        SpooledJob job = new SpooledJob("k1", context, "pdf.pdf", PrintJobRequest.of("application/pdf", "d"), 77,
                "ab", SpoolState.PRINTING, "at the printer", 2, null, now, now);
        WireWriter w = WireWriter.body();
        JobInfo.of(job).write(w);

        WireReader r = WireReader.of(w.toBytes());
        assertEquals(new JobInfo("k1", SpoolState.PRINTING, "at the printer", 2, 77), JobInfo.read(r));
        r.end();
    }

    @Test
    void printersChangedEventIsJustTheVersion() throws Exception {
        byte[] body = WireWriter.body().toBytes();

        assertEquals(1, body.length);
        WireReader.of(body).end();
    }

    @Test
    void errorAnswersArriveAsRefusals() {
        Answer.Refused refused = assertThrows(Answer.Refused.class,
                () -> Answer.read(Answer.error(PrintWire.UNKNOWN_VM, "no VM with that id")));

        assertEquals(PrintWire.UNKNOWN_VM, refused.code());
        assertEquals("no VM with that id", refused.getMessage());
        assertEquals("", assertThrows(Answer.Refused.class, () -> Answer.read(Answer.error("denied", null)))
                .getMessage());
    }

    @Test
    void longErrorMessagesAreCutToFitTheStringBound() {
        Answer.Refused refused = assertThrows(Answer.Refused.class,
                () -> Answer.read(Answer.error(PrintWire.INVALID, "x".repeat(10_000))));

        assertTrue(refused.getMessage().length() <= 1001, "length " + refused.getMessage().length());
        assertTrue(refused.getMessage().startsWith("x".repeat(1000)));
    }

    @Test
    void primitivesAtTheirLimits() throws Exception {
        byte[] body = WireWriter.body().u8(255).bool(true).bool(false).i32(Integer.MIN_VALUE).i64(Long.MIN_VALUE)
                .str("é".repeat(PrintWire.MAX_STRING / 2)).strings(java.util.Collections.nCopies(PrintWire.MAX_LIST, ""))
                .toBytes();
        WireReader r = WireReader.of(body);

        assertEquals(255, r.u8());
        assertTrue(r.bool());
        assertEquals(false, r.bool());
        assertEquals(Integer.MIN_VALUE, r.i32());
        assertEquals(Long.MIN_VALUE, r.i64());
        assertEquals("é".repeat(PrintWire.MAX_STRING / 2), r.str());
        assertEquals(PrintWire.MAX_LIST, r.strings().size());
        r.end();
    }
}
