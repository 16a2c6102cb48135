package org.deskplane.print.agent.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.ipp.IppAttribute;
import org.deskplane.ipp.IppTags;
import org.deskplane.ipp.IppValue;

/**
 * The printer description attributes PWG 5100.14 (IPP Everywhere) requires beyond the basic IPP/2.0 set: the
 * media collections, the icon, supplies, dates of the last changes, the IEEE 1284 device id and the values a virtual
 * printer has nothing to say about (geo-location unknown, no organization, no supply levels).
 */
final class EverywhereAttributes {
    /** PWG 5100.14 asks for margins of at most 0.166 inch (423 hundredths of a millimetre): the usual printable area. */
    static final int MARGIN = 423;
    static final String SOURCE = "main";
    static final String TYPE = "stationery";

    private EverywhereAttributes() {
    }

    /** What the printer knows about itself for these attributes. */
    record Facts(List<String> media, String defaultMedia, List<String> formats, String iconUri, String moreInfoUri,
            long upSeconds, long configChangedAt, long stateChangedAt) {
    }

    static List<IppAttribute> describe(Facts f) {
        List<IppAttribute> a = new ArrayList<>();
        List<IppValue> database = new ArrayList<>();
        List<IppValue> sizes = new ArrayList<>();
        for (String m : f.media()) {
            MediaSizes.mediaSize(m).ifPresent(size -> {
                database.add(mediaCol(size).value());
                sizes.add(size.value());
            });
        }
        if (database.isEmpty()) { // a host printer without named sizes: A4 is what a client can still lay out on
            IppAttribute a4 = MediaSizes.mediaSize("iso_a4_210x297mm").orElseThrow();
            database.add(mediaCol(a4).value());
            sizes.add(a4.value());
        }
        IppValue defaultCol = MediaSizes.mediaSize(f.defaultMedia()).map(s -> mediaCol(s).value()).orElse(database.get(0));
        a.add(new IppAttribute("media-col-database", database));
        a.add(IppAttribute.of("media-col-default", defaultCol));
        a.add(IppAttribute.of("media-col-ready", defaultCol));
        a.add(IppAttribute.keyword("media-col-supported", "media-size", "media-size-name", "media-bottom-margin",
                "media-left-margin", "media-right-margin", "media-top-margin", "media-source", "media-type"));
        a.add(new IppAttribute("media-size-supported", sizes));
        for (String side : List.of("bottom", "left", "right", "top")) {
            a.add(IppAttribute.integer("media-" + side + "-margin-supported", MARGIN));
        }
        a.add(IppAttribute.keyword("media-source-supported", SOURCE));
        a.add(IppAttribute.keyword("media-type-supported", TYPE));
        a.add(IppAttribute.keyword("media-source-default", SOURCE));
        a.add(IppAttribute.keyword("media-type-default", TYPE));

        a.add(IppAttribute.keyword("identify-actions-default", "display"));
        a.add(IppAttribute.bool("job-ids-supported", true));
        a.add(IppAttribute.bool("preferred-attributes-supported", false));
        // page-level overrides are accepted and the job printed as a whole: the host's printer has no such notion
        a.add(IppAttribute.keyword("overrides-supported", "document-number", "pages"));
        a.add(IppAttribute.keyword("print-content-optimize-default", "auto"));
        a.add(IppAttribute.keyword("print-content-optimize-supported", "auto"));
        a.add(IppAttribute.keyword("print-rendering-intent-default", "auto"));
        a.add(IppAttribute.keyword("print-rendering-intent-supported", "auto"));

        OffsetDateTime boot = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(f.upSeconds()).truncatedTo(ChronoUnit.SECONDS);
        a.add(IppAttribute.of("printer-config-change-date-time", new IppValue.DateTimeValue(boot.plusSeconds(f.configChangedAt()))));
        a.add(IppAttribute.integer("printer-config-change-time", (int) f.configChangedAt()));
        a.add(IppAttribute.of("printer-state-change-date-time", new IppValue.DateTimeValue(boot.plusSeconds(f.stateChangedAt()))));
        a.add(IppAttribute.integer("printer-state-change-time", (int) f.stateChangedAt()));
        a.add(IppAttribute.of("printer-current-time", new IppValue.DateTimeValue(boot.plusSeconds(f.upSeconds()))));

        a.add(IppAttribute.text("printer-device-id", deviceId(f.formats())));
        // where the printer is, is the host's business: the guest does not know
        a.add(IppAttribute.of("printer-geo-location", new IppValue.OutOfBandValue(IppTags.UNKNOWN)));
        a.add(IppAttribute.uri("printer-icons", f.iconUri()));
        a.add(IppAttribute.text("printer-organization", ""));
        a.add(IppAttribute.text("printer-organizational-unit", ""));
        // the host's supplies are not reported over the channel: one empty entry says "nothing known"
        a.add(IppAttribute.of("printer-supply", new IppValue.OctetsValue(IppTags.OCTET_STRING, new byte[0])));
        a.add(IppAttribute.text("printer-supply-description", ""));
        a.add(IppAttribute.uri("printer-supply-info-uri", f.moreInfoUri()));
        return a;
    }

    /** One media-col: size, the default margins, source and type. */
    static IppAttribute mediaCol(IppAttribute size) {
        return IppAttribute.collection("media-col", size, IppAttribute.integer("media-bottom-margin", MARGIN),
                IppAttribute.integer("media-left-margin", MARGIN), IppAttribute.integer("media-right-margin", MARGIN),
                IppAttribute.integer("media-top-margin", MARGIN), IppAttribute.keyword("media-source", SOURCE),
                IppAttribute.keyword("media-type", TYPE));
    }

    /** IEEE 1284 device id, with the command sets (page description languages) the printer takes. */
    static String deviceId(List<String> formats) {
        List<String> commands = new ArrayList<>();
        for (String f : formats) {
            switch (f) {
                case "application/pdf" -> commands.add("PDF");
                case "image/pwg-raster" -> commands.add("PWGRaster");
                case "application/postscript" -> commands.add("POSTSCRIPT");
                case "image/jpeg" -> commands.add("JPEG");
                case "image/urf" -> commands.add("URF");
                default -> { // application/octet-stream is no command set
                }
            }
        }
        return "MFG:Deskplane;MDL:Virtual Printer;CMD:" + String.join(",", commands) + ";";
    }
}
