package org.deskplane.print.wire;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrinterCapabilities;
import org.deskplane.print.api.PrinterCapabilities.Resolution;
import org.deskplane.print.routing.VmPrinter;

/** The fields of a {@code print.printers} answer: the VM's printers with what the guest needs to describe them. */
public final class PrinterList {

    private PrinterList() {
    }

    public static void write(WireWriter w, List<VmPrinter> printers) {
        w.count(printers.size());
        for (VmPrinter p : printers) {
            HostPrinter h = p.printer();
            PrinterCapabilities c = h.capabilities();
            w.str(p.id()).bool(p.nearest()).str(h.name()).str(h.location()).u8(h.state().ordinal())
                    .strings(h.stateReasons()).bool(h.acceptingJobs());
            w.strings(c.documentFormats()).strings(c.media()).str(c.defaultMedia()).strings(c.sides())
                    .strings(c.colorModes()).i32(c.minCopies()).i32(c.maxCopies());
            w.count(c.resolutions().size());
            for (Resolution r : c.resolutions()) {
                w.i32(r.crossFeed()).i32(r.feed()).bool(r.perInch());
            }
        }
    }

    /** Reads the list; the host printer's driver is not told to the guest, it is "host". */
    public static List<VmPrinter> read(WireReader r) throws WireException {
        int n = r.count();
        List<VmPrinter> printers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = r.str();
            boolean nearest = r.bool();
            String name = r.str();
            String location = r.str();
            int state = r.u8();
            if (state >= HostPrinter.PrinterState.values().length) {
                throw WireReader.invalid("printer state " + state);
            }
            List<String> reasons = r.strings();
            boolean accepting = r.bool();
            List<String> formats = r.strings();
            List<String> media = r.strings();
            String defaultMedia = r.str();
            List<String> sides = r.strings();
            List<String> colors = r.strings();
            int minCopies = r.i32();
            int maxCopies = r.i32();
            int resolutions = r.count();
            List<Resolution> res = new ArrayList<>();
            try {
                for (int j = 0; j < resolutions; j++) {
                    res.add(new Resolution(r.i32(), r.i32(), r.bool()));
                }
                PrinterCapabilities caps = new PrinterCapabilities(formats, media, defaultMedia, sides, colors,
                        minCopies, maxCopies, res);
                printers.add(new VmPrinter(id, new HostPrinter("host", id, name, location,
                        HostPrinter.PrinterState.values()[state], reasons, accepting, caps), nearest));
            } catch (IllegalArgumentException e) {
                throw WireReader.invalid("printer " + id + ": " + e.getMessage());
            }
        }
        return printers;
    }
}
