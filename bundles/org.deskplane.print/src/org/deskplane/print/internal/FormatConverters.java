package org.deskplane.print.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintException.Kind;
import org.deskplane.print.api.PrinterCapabilities;
import org.deskplane.print.convert.ConversionException;
import org.deskplane.print.convert.DocumentConverter;

/**
 * The document converters present now, into PDF: a printer that accepts PDF but not, say, PWG Raster is offered to
 * VMs as accepting it too, and such a job is converted when it is handed to the printer (from the spooled document,
 * so a crash during conversion simply converts again).
 */
final class FormatConverters {
    static final String PDF = "application/pdf";

    private final Map<String, DocumentConverter> toPdf = new ConcurrentHashMap<>();

    void add(DocumentConverter converter) {
        if (PDF.equals(converter.targetFormat())) {
            toPdf.put(converter.sourceFormat(), converter);
        }
    }

    void remove(DocumentConverter converter) {
        toPdf.remove(converter.sourceFormat(), converter);
    }

    /** The converter a job of {@code format} needs for {@code printer}, if it does not accept the format itself. */
    Optional<DocumentConverter> needed(HostPrinter printer, String format) {
        PrinterCapabilities caps = printer.capabilities();
        if (caps.accepts(format) || !caps.documentFormats().contains(PDF)) {
            return Optional.empty();
        }
        return Optional.ofNullable(toPdf.get(format));
    }

    boolean accepts(HostPrinter printer, String format) {
        return printer.capabilities().accepts(format) || needed(printer, format).isPresent();
    }

    /** The printer as VMs see it: with the formats it can print through a converter. */
    HostPrinter widen(HostPrinter printer) {
        PrinterCapabilities c = printer.capabilities();
        if (!c.documentFormats().contains(PDF)) {
            return printer;
        }
        List<String> formats = new ArrayList<>(c.documentFormats());
        toPdf.keySet().stream().sorted().filter(f -> !formats.contains(f)).forEach(formats::add);
        if (formats.size() == c.documentFormats().size()) {
            return printer;
        }
        return new HostPrinter(printer.driver(), printer.id(), printer.name(), printer.location(), printer.state(),
                printer.stateReasons(), printer.acceptingJobs(), new PrinterCapabilities(formats, c.media(),
                        c.defaultMedia(), c.sides(), c.colorModes(), c.minCopies(), c.maxCopies(), c.resolutions()));
    }

    /**
     * Converts a spooled document into {@code target} (replaced if it exists from an earlier attempt).
     *
     * @throws PrintException INVALID when the document cannot be converted (final), STORAGE when the disk failed
     */
    static void convert(DocumentConverter converter, Path document, Path target) throws PrintException {
        try (InputStream in = Files.newInputStream(document);
                OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            converter.convert(in, out);
        } catch (ConversionException e) {
            throw new PrintException(Kind.INVALID, "cannot convert " + converter.sourceFormat() + " to "
                    + converter.targetFormat() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new PrintException(Kind.STORAGE, "converting the spooled document failed: " + e.getMessage(), e);
        }
    }
}
