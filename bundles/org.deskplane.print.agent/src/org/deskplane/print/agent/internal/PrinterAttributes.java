package org.deskplane.print.agent.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.deskplane.ipp.IppAttribute;
import org.deskplane.ipp.IppOperation;
import org.deskplane.ipp.IppTags;
import org.deskplane.ipp.IppValue;
import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrinterCapabilities;
import org.deskplane.print.routing.VmPrinter;

/**
 * The IPP Everywhere (PWG 5100.14) printer description of one virtual printer, derived from the host printer's
 * capabilities; what the host printer cannot say gets the plain value every printer supports (one copy, one-sided,
 * A4, 300 dpi).
 */
final class PrinterAttributes {
    /** Document formats the virtual printer passes through, if the host printer accepts them. */
    static final List<String> PASS_THROUGH = List.of("application/pdf", "image/pwg-raster", "application/postscript",
            "image/jpeg", "image/urf");
    static final String AUTO = "application/octet-stream";
    /** The media offered for a host printer that names none. */
    static final String FALLBACK_MEDIA = "iso_a4_210x297mm";
    /** PWG 5100.11; not among the constants of org.deskplane.ipp. */
    static final int CANCEL_MY_JOBS = 0x0039;
    static final int[] OPERATIONS = {IppOperation.PRINT_JOB, IppOperation.VALIDATE_JOB, IppOperation.CREATE_JOB,
            IppOperation.SEND_DOCUMENT, IppOperation.CANCEL_JOB, IppOperation.GET_JOB_ATTRIBUTES,
            IppOperation.GET_JOBS, IppOperation.GET_PRINTER_ATTRIBUTES, CANCEL_MY_JOBS, IppOperation.CLOSE_JOB,
            IppOperation.IDENTIFY_PRINTER};
    /** Big, and asked for by name when a client wants it (as CUPS does): not part of "all". */
    private static final String MEDIA_COL_DATABASE = "media-col-database";

    private PrinterAttributes() {
    }

    /** The formats a client may send: the pass-through formats the host accepts, plus auto-detection. */
    static List<String> formats(PrinterCapabilities caps) {
        List<String> formats = new ArrayList<>();
        for (String f : PASS_THROUGH) {
            if (caps.documentFormats().contains(f)) {
                formats.add(f);
            }
        }
        formats.add(AUTO);
        return formats;
    }

    /**
     * @param iconUri where the printer's icon is served
     * @param configChangedAt agent up-time of the printer's last description change (state likewise)
     */
    static List<IppAttribute> describe(VmPrinter vmPrinter, String uri, String moreInfo, String iconUri,
            long upSeconds, long configChangedAt, long stateChangedAt, int queuedJobs) {
        HostPrinter p = vmPrinter.printer();
        PrinterCapabilities c = p.capabilities();
        List<IppAttribute> a = new ArrayList<>();
        List<String> media = c.media().isEmpty() ? List.of(FALLBACK_MEDIA) : c.media();
        String defaultMedia = c.media().contains(c.defaultMedia()) ? c.defaultMedia() : media.get(0);
        List<String> sides = c.sides().isEmpty() ? List.of("one-sided") : c.sides();
        List<String> colors = c.colorModes().isEmpty() ? List.of("monochrome") : c.colorModes();
        boolean color = colors.contains("color");
        List<IppValue> resolutions = new ArrayList<>();
        c.resolutions().forEach(r -> resolutions.add(new IppValue.ResolutionValue(r.crossFeed(), r.feed(),
                r.perInch() ? IppValue.ResolutionValue.DOTS_PER_INCH : IppValue.ResolutionValue.DOTS_PER_CM)));
        if (resolutions.isEmpty()) {
            resolutions.add(new IppValue.ResolutionValue(300, 300, IppValue.ResolutionValue.DOTS_PER_INCH));
        }
        List<String> formats = formats(c);

        a.add(IppAttribute.uri("printer-uri-supported", uri));
        a.add(IppAttribute.keyword("uri-authentication-supported", "none"));
        a.add(IppAttribute.keyword("uri-security-supported", "none"));
        a.add(IppAttribute.name("printer-name", vmPrinter.id()));
        a.add(IppAttribute.text("printer-info", clip(p.name())));
        a.add(IppAttribute.text("printer-location", clip(p.location())));
        a.add(IppAttribute.text("printer-make-and-model", "Deskplane virtual printer"));
        a.add(IppAttribute.uri("printer-more-info", moreInfo));
        a.add(IppAttribute.strings(IppTags.URI, "printer-uuid", List.of("urn:uuid:" + UUID.nameUUIDFromBytes(
                ("deskplane-printer:" + vmPrinter.id()).getBytes(StandardCharsets.UTF_8)))));
        a.add(IppAttribute.enumeration("printer-state", switch (p.state()) {
            case IDLE -> 3;
            case PROCESSING -> 4;
            case STOPPED -> 5;
        }));
        a.add(IppAttribute.keyword("printer-state-reasons",
                p.stateReasons().isEmpty() ? new String[] {"none"} : p.stateReasons().toArray(String[]::new)));
        a.add(IppAttribute.bool("printer-is-accepting-jobs", p.acceptingJobs()));
        a.add(IppAttribute.integer("printer-up-time", (int) Math.max(1, upSeconds)));
        a.add(IppAttribute.integer("queued-job-count", queuedJobs));
        a.add(IppAttribute.enumeration("operations-supported", OPERATIONS));
        a.add(IppAttribute.strings(IppTags.CHARSET, "charset-configured", List.of("utf-8")));
        a.add(IppAttribute.strings(IppTags.CHARSET, "charset-supported", List.of("utf-8", "us-ascii")));
        a.add(IppAttribute.strings(IppTags.NATURAL_LANGUAGE, "natural-language-configured", List.of("en")));
        a.add(IppAttribute.strings(IppTags.NATURAL_LANGUAGE, "generated-natural-language-supported", List.of("en")));
        a.add(IppAttribute.keyword("ipp-versions-supported", "1.0", "1.1", "2.0"));
        a.add(IppAttribute.keyword("ipp-features-supported", "ipp-everywhere"));
        a.add(IppAttribute.keyword("compression-supported", "none"));
        a.add(IppAttribute.strings(IppTags.MIME_MEDIA_TYPE, "document-format-default", List.of(AUTO)));
        a.add(IppAttribute.strings(IppTags.MIME_MEDIA_TYPE, "document-format-supported", formats));
        a.add(IppAttribute.keyword("pdl-override-supported", "attempted"));
        a.add(IppAttribute.bool("multiple-document-jobs-supported", false));
        a.add(IppAttribute.integer("multiple-operation-time-out", 60));
        a.add(IppAttribute.keyword("multiple-operation-time-out-action", "process-job"));
        a.add(IppAttribute.keyword("which-jobs-supported", "completed", "not-completed", "all"));
        a.add(IppAttribute.keyword("job-creation-attributes-supported", "copies", "media", "media-col", "sides",
                "print-color-mode", "page-ranges", "job-hold-until", "ipp-attribute-fidelity", "job-name"));
        a.add(IppAttribute.bool("color-supported", color));
        a.add(IppAttribute.integer("pages-per-minute", 1));
        if (color) {
            a.add(IppAttribute.integer("pages-per-minute-color", 1));
        }
        a.add(IppAttribute.keyword("printer-kind", "document"));
        a.add(IppAttribute.integer("copies-default", 1));
        a.add(IppAttribute.of("copies-supported", new IppValue.RangeValue(c.minCopies(), c.maxCopies())));
        a.add(IppAttribute.enumeration("finishings-default", 3));
        a.add(IppAttribute.enumeration("finishings-supported", 3));
        a.add(IppAttribute.keyword("media-default", defaultMedia));
        a.add(IppAttribute.keyword("media-supported", media.toArray(String[]::new)));
        a.add(IppAttribute.keyword("media-ready", defaultMedia));
        a.add(IppAttribute.enumeration("orientation-requested-default", 3));
        a.add(IppAttribute.enumeration("orientation-requested-supported", 3, 4));
        a.add(IppAttribute.keyword("output-bin-default", "face-down"));
        a.add(IppAttribute.keyword("output-bin-supported", "face-down"));
        a.add(IppAttribute.enumeration("print-quality-default", 4));
        a.add(IppAttribute.enumeration("print-quality-supported", 4));
        a.add(IppAttribute.of("printer-resolution-default", resolutions.get(0)));
        a.add(new IppAttribute("printer-resolution-supported", resolutions));
        a.add(IppAttribute.keyword("sides-default", sides.contains("one-sided") ? "one-sided" : sides.get(0)));
        a.add(IppAttribute.keyword("sides-supported", sides.toArray(String[]::new)));
        a.add(IppAttribute.keyword("print-color-mode-default", colors.contains("auto") ? "auto" : colors.get(0)));
        a.add(IppAttribute.keyword("print-color-mode-supported", colors.toArray(String[]::new)));
        a.add(IppAttribute.bool("page-ranges-supported", true));
        a.add(IppAttribute.keyword("job-hold-until-default", "no-hold"));
        a.add(IppAttribute.keyword("job-hold-until-supported", "no-hold", "indefinite"));
        a.add(IppAttribute.keyword("job-sheets-default", "none"));
        a.add(IppAttribute.keyword("job-sheets-supported", "none"));
        a.add(IppAttribute.keyword("multiple-document-handling-supported", "separate-documents-uncollated-copies",
                "separate-documents-collated-copies"));
        a.add(IppAttribute.integer("number-up-default", 1));
        a.add(IppAttribute.integer("number-up-supported", 1));
        if (formats.contains("image/pwg-raster")) {
            a.add(new IppAttribute("pwg-raster-document-resolution-supported", resolutions));
            a.add(IppAttribute.keyword("pwg-raster-document-type-supported", color ? new String[] {"black_1", "sgray_8",
                    "srgb_8"} : new String[] {"black_1", "sgray_8"}));
            a.add(IppAttribute.keyword("pwg-raster-document-sheet-back", "normal"));
        }
        a.add(IppAttribute.keyword("identify-actions-supported", "display"));
        a.add(IppAttribute.keyword("printer-get-attributes-supported", "document-format"));
        a.addAll(EverywhereAttributes.describe(new EverywhereAttributes.Facts(media, defaultMedia, formats, iconUri,
                moreInfo, upSeconds, configChangedAt, stateChangedAt)));
        return a;
    }

    /** Keeps only what {@code requested} asks for ({@code all}, the group names, or attribute names); empty = all. */
    static List<IppAttribute> select(List<IppAttribute> all, List<String> requested) {
        Set<String> names = new LinkedHashSet<>(requested);
        if (requested.isEmpty() || requested.contains("all") || requested.contains("printer-description")) {
            return all.stream().filter(a -> !a.name().equals(MEDIA_COL_DATABASE) || names.contains(MEDIA_COL_DATABASE))
                    .toList();
        }
        boolean template = names.contains("job-template");
        return all.stream().filter(a -> names.contains(a.name()) || template && isTemplate(a.name())).toList();
    }

    private static boolean isTemplate(String name) {
        return name.endsWith("-default") || name.endsWith("-supported") && !name.startsWith("printer-")
                && !name.startsWith("uri-") && !name.startsWith("charset") && !name.startsWith("operations");
    }

    private static String clip(String s) {
        return s.length() > 127 ? s.substring(0, 127) : s;
    }
}
