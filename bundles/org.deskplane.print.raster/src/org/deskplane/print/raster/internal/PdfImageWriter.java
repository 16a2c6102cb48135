package org.deskplane.print.raster.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a PDF of image pages front to back: each page's image is compressed into the output as its lines arrive,
 * its length is written as an indirect object after the stream, and the page tree, catalog and cross-reference table
 * come at the end. Memory is the object offsets and page numbers, never a page.
 */
final class PdfImageWriter {
    private static final int CATALOG = 1;
    private static final int PAGES = 2;

    private final CountingOutputStream out;
    private final List<Long> offsets = new ArrayList<>(); // index = object number - 1
    private final List<Integer> pages = new ArrayList<>();
    private DeflaterOutputStream image;
    private Deflater deflater;
    private long imageStart;
    private PageHeader page;
    private int imageObject;

    PdfImageWriter(OutputStream target) throws IOException {
        this.out = new CountingOutputStream(target);
        offsets.add(-1L); // catalog and page tree are written last
        offsets.add(-1L);
        // a comment with bytes above 127 tells transfer programs the file is binary
        write("%PDF-1.5\n%\u00e2\u00e3\u00cf\u00d3\n");
    }

    /** Starts a page: its image stream is open for {@link #line} until {@link #endPage}. */
    void beginPage(PageHeader header) throws IOException {
        page = header;
        imageObject = begin();
        StringBuilder dict = new StringBuilder("<< /Type /XObject /Subtype /Image /Width ").append(header.width())
                .append(" /Height ").append(header.height()).append(" /ColorSpace ").append(header.pdfColorSpace())
                .append(" /BitsPerComponent ").append(header.bitsPerColor());
        if (header.inverted()) {
            dict.append(" /Decode [1 0]");
        }
        dict.append(" /Filter /FlateDecode /Length ").append(imageObject + 1).append(" 0 R >>\nstream\n");
        write(dict.toString());
        imageStart = out.count;
        // the fastest level: conversion happens while a job waits to print, and raster pages compress well anyway
        deflater = new Deflater(Deflater.BEST_SPEED);
        image = new DeflaterOutputStream(new NonClosing(out), deflater, 64 * 1024);
    }

    void line(byte[] line) throws IOException {
        image.write(line, 0, page.bytesPerLine());
    }

    void endPage() throws IOException {
        image.finish();
        deflater.end();
        long length = out.count - imageStart;
        write("\nendstream\nendobj\n");
        begin();
        write(length + "\nendobj\n");
        String content = String.format(Locale.ROOT, "q %.4f 0 0 %.4f 0 0 cm /Im0 Do Q\n", page.widthPoints(),
                page.heightPoints());
        byte[] contentBytes = content.getBytes(StandardCharsets.US_ASCII);
        int contentObject = begin();
        write("<< /Length " + contentBytes.length + " >>\nstream\n");
        out.write(contentBytes);
        write("endstream\nendobj\n");
        int pageObject = begin();
        write(String.format(Locale.ROOT, "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.4f %.4f] "
                + "/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>\nendobj\n", PAGES,
                page.widthPoints(), page.heightPoints(), imageObject, contentObject));
        pages.add(pageObject);
        image = null;
        page = null;
    }

    /** Writes the page tree, catalog, cross-reference table and trailer. @return bytes written in all */
    long finish() throws IOException {
        offsets.set(PAGES - 1, out.count);
        StringBuilder kids = new StringBuilder();
        for (int p : pages) {
            kids.append(p).append(" 0 R ");
        }
        write(PAGES + " 0 obj\n<< /Type /Pages /Kids [ " + kids + "] /Count " + pages.size() + " >>\nendobj\n");
        offsets.set(CATALOG - 1, out.count);
        write(CATALOG + " 0 obj\n<< /Type /Catalog /Pages " + PAGES + " 0 R >>\nendobj\n");
        long xref = out.count;
        StringBuilder table = new StringBuilder("xref\n0 ").append(offsets.size() + 1).append("\n0000000000 65535 f\r\n");
        for (long offset : offsets) {
            table.append(String.format(Locale.ROOT, "%010d 00000 n\r\n", offset));
        }
        table.append("trailer\n<< /Size ").append(offsets.size() + 1).append(" /Root ").append(CATALOG)
                .append(" 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        write(table.toString());
        out.flush();
        return out.count;
    }

    int pageCount() {
        return pages.size();
    }

    /** Starts the next object and records where it begins. @return its number */
    private int begin() throws IOException {
        offsets.add(out.count);
        int number = offsets.size();
        write(number + " 0 obj\n");
        return number;
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static final class CountingOutputStream extends FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream target) {
            super(target);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** Finishing a page's compressed stream must not close the document. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream target) {
            super(target);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
