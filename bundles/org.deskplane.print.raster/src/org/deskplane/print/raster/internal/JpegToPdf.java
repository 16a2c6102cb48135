package org.deskplane.print.raster.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deskplane.print.convert.ConversionException;
import org.deskplane.print.convert.DocumentConverter.Conversion;

/**
 * A JPEG as a one-page PDF: the JPEG goes in unchanged as a DCTDecode image XObject (no decoding, no quality loss),
 * the page the image's size at its JFIF resolution (72 dpi when it has none), scaled down to PDF's largest page if
 * bigger. Streamed: the header is read and kept, the rest copied through, counted against a bound, and the JPEG must
 * end with its EOI marker.
 */
final class JpegToPdf {
    /** PDF's largest page side, in points (200 inches). */
    static final double MAX_SIDE = 14_400;
    private static final int MAX_HEADER_BYTES = 1 << 20;

    private final long maxBytes;

    JpegToPdf(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    Conversion convert(InputStream source, OutputStream target) throws IOException, ConversionException {
        JpegHeader jpeg = JpegHeader.read(source, MAX_HEADER_BYTES);
        double scale = Math.min(1, Math.min(MAX_SIDE / jpeg.widthPoints(), MAX_SIDE / jpeg.heightPoints()));
        double w = jpeg.widthPoints() * scale;
        double h = jpeg.heightPoints() * scale;
        Pdf pdf = new Pdf(target);
        pdf.object("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.object(String.format(Locale.ROOT, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.4f %.4f] "
                + "/Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>", w, h));
        String content = String.format(Locale.ROOT, "q %.4f 0 0 %.4f 0 0 cm /Im0 Do Q\n", w, h);
        pdf.object("<< /Length " + content.length() + " >>\nstream\n" + content + "endstream");
        String colorSpace = switch (jpeg.components()) {
            case 1 -> "/DeviceGray";
            case 3 -> "/DeviceRGB";
            default -> "/DeviceCMYK";
        };
        // Adobe's CMYK JPEGs (those with an APP14 marker) store the inks inverted
        String decode = jpeg.components() == 4 && jpeg.adobe() ? " /Decode [1 0 1 0 1 0 1 0]" : "";
        pdf.begin();
        pdf.write("<< /Type /XObject /Subtype /Image /Width " + jpeg.width() + " /Height " + jpeg.height()
                + " /ColorSpace " + colorSpace + " /BitsPerComponent 8" + decode
                + " /Filter /DCTDecode /Length 6 0 R >>\nstream\n");
        long length = jpeg.prefix().length + copyRest(source, pdf.out, jpeg.prefix());
        pdf.write("\nendstream\nendobj\n");
        pdf.object(Long.toString(length));
        return new Conversion(1, pdf.finish());
    }

    /** Copies the JPEG's remaining bytes. @return how many */
    private long copyRest(InputStream source, CountingOutput out, byte[] prefix) throws IOException, ConversionException {
        out.write(prefix, 0, prefix.length);
        byte[] buffer = new byte[64 << 10];
        long copied = 0;
        int last = -1;
        int beforeLast = -1;
        int n;
        while ((n = source.read(buffer)) > 0) {
            copied += n;
            if (prefix.length + copied > maxBytes) {
                throw new ConversionException("the JPEG is larger than " + maxBytes + " bytes");
            }
            out.write(buffer, 0, n);
            beforeLast = n >= 2 ? buffer[n - 2] & 0xFF : last;
            last = buffer[n - 1] & 0xFF;
        }
        if (beforeLast != 0xFF || last != 0xD9) {
            throw new ConversionException("corrupt JPEG: it is truncated (no EOI marker at its end, after "
                    + (prefix.length + copied) + " bytes)");
        }
        return copied;
    }

    /** Objects numbered in the order they are written, and the cross-reference table at the end. */
    private static final class Pdf {
        final CountingOutput out;
        final List<Long> offsets = new ArrayList<>();

        Pdf(OutputStream target) throws IOException {
            out = new CountingOutput(target);
            write("%PDF-1.5\n%\u00e2\u00e3\u00cf\u00d3\n");
        }

        void begin() throws IOException {
            offsets.add(out.count);
            write(offsets.size() + " 0 obj\n");
        }

        void object(String body) throws IOException {
            begin();
            write(body + "\nendobj\n");
        }

        void write(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            out.write(b, 0, b.length);
        }

        long finish() throws IOException {
            long xref = out.count;
            StringBuilder table = new StringBuilder("xref\n0 ").append(offsets.size() + 1).append("\n0000000000 65535 f\r\n");
            for (long offset : offsets) {
                table.append(String.format(Locale.ROOT, "%010d 00000 n\r\n", offset));
            }
            table.append("trailer\n<< /Size ").append(offsets.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                    .append(xref).append("\n%%EOF\n");
            write(table.toString());
            out.target.flush();
            return out.count;
        }
    }

    private static final class CountingOutput {
        final OutputStream target;
        long count;

        CountingOutput(OutputStream target) {
            this.target = target;
        }

        void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
            count += len;
        }
    }
}
