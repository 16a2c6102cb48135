package org.deskplane.print.wire.tests;

import java.util.List;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.HostPrinter.PrinterState;
import org.deskplane.print.api.PrintOptions;
import org.deskplane.print.api.PrintOptions.PageRange;
import org.deskplane.print.api.PrinterCapabilities;
import org.deskplane.print.api.PrinterCapabilities.Resolution;
import org.deskplane.print.routing.SpoolState;
import org.deskplane.print.routing.VmPrinter;
import org.deskplane.print.wire.Answer;
import org.deskplane.print.wire.JobHeader;
import org.deskplane.print.wire.JobInfo;
import org.deskplane.print.wire.PrinterList;
import org.deskplane.print.wire.WireWriter;

/** Valid messages of every type, as the other side would send them. */
final class Messages {

    private Messages() {
    }

    /** Printers as the guest reads them back: their driver is always "host". */
    static List<VmPrinter> printers() {
        PrinterCapabilities office = new PrinterCapabilities(List.of("application/pdf", "image/pwg-raster"),
                List.of("iso_a4_210x297mm", "na_letter_8.5x11in"), "iso_a4_210x297mm",
                List.of("one-sided", "two-sided-long-edge"), List.of("color", "monochrome"), 1, 99,
                List.of(new Resolution(300, 300, true), new Resolution(600, 1200, false)));
        PrinterCapabilities bare = new PrinterCapabilities(List.of(), List.of(), "", List.of(), List.of(), 1, 1,
                List.of());
        return List.of(
                new VmPrinter("cups.office", new HostPrinter("host", "cups.office", "Büro – 2. Stock", "Raum 2.14",
                        PrinterState.PROCESSING, List.of("media-low-warning"), true, office), true),
                new VmPrinter("pdf.pdf", new HostPrinter("host", "pdf.pdf", "PDF", "", PrinterState.STOPPED,
                        List.of(), false, bare), false));
    }

    static byte[] printersAnswer() {
        WireWriter w = Answer.ok();
        PrinterList.write(w, printers());
        return w.toBytes();
    }

    static List<JobInfo> jobs() {
        return List.of(new JobInfo("job-1", SpoolState.SPOOLED, "", 0, 0),
                new JobInfo("job.2", SpoolState.ABORTED, "printer on fire 🔥", 12, 5_000_000_000L),
                new JobInfo("job_3", SpoolState.DENIED, "policy r1", 0, Long.MAX_VALUE));
    }

    static byte[] statusAnswer() {
        WireWriter w = Answer.ok();
        JobInfo.writeList(w, jobs());
        return w.toBytes();
    }

    static JobHeader header() {
        return new JobHeader("guest-0001.a_b", "cups.office", "application/pdf", "Quarterly report", "bob",
                "libreoffice", 12345, new PrintOptions(3, "iso_a4_210x297mm", "two-sided-long-edge", "monochrome",
                        List.of(new PageRange(1, 2), new PageRange(5, 9)), true));
    }

    static JobHeader plainHeader() {
        return new JobHeader("k", "pdf.pdf", "image/pwg-raster", "", "", "", -1, PrintOptions.DEFAULTS);
    }

    static byte[] statusRequest(List<String> ids) {
        return WireWriter.body().strings(ids).toBytes();
    }

    static byte[] cancelRequest(String id) {
        return WireWriter.body().str(id).toBytes();
    }
}
