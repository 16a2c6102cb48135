package org.deskplane.print.raster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deskplane.print.convert.ConversionException;
import org.deskplane.print.convert.DocumentConverter;
import org.deskplane.print.testing.TestPdf;
import org.deskplane.print.testing.Tools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * PWG Raster to PDF through the registered service, checked with real tools: poppler's pdfinfo reads the PDF and
 * pdftoppm, rendering it at the raster's resolution, gives back the raster's pixels exactly — for rasters from our
 * own writer (every compression construct) and from Ghostscript's pwgraster device.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PwgRasterToPdfTest {
    @TempDir
    Path dir;
    private DocumentConverter converter;

    @BeforeAll
    void findService() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(PwgRasterToPdfTest.class).getBundleContext();
        ServiceTracker<DocumentConverter, DocumentConverter> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + DocumentConverter.class.getName() + ")("
                        + DocumentConverter.SOURCE_FORMAT + "=image/pwg-raster)(" + DocumentConverter.TARGET_FORMAT
                        + "=application/pdf))"), null);
        tracker.open();
        converter = tracker.waitForService(30_000);
        assertNotNull(converter, "no PWG Raster to PDF converter service within 30 s");
    }

    @Test
    void gray8PixelsComeBackExactly() throws Exception {
        int w = 300, h = 120; // at 150 dpi: 144 x 57.6 points
        byte[][] lines = new byte[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // gradient, flat runs, repeated lines and white line ends: every compression construct
                lines[y][x] = (byte) (x > 250 ? 255 : y < 40 ? (x * 7 + y) : y < 80 ? (x / 20) * 16 : 0x40);
            }
        }
        Path pdf = convert(new TestRaster().page(TestRaster.header(w, h, 150, PageHeader.SGRAY, 8, 1), lines).bytes());
        assertEquals(1, Tools.pdfPages(pdf));
        Pnm page = render(pdf, 150, true, 1);
        assertEquals(w, page.width());
        assertEquals(h, page.height());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertClose(lines[y][x] & 0xFF, page.sample(x, y, 0), "pixel " + x + "," + y);
            }
        }
        Pnm poppler = renderWithPoppler(pdf, 150);
        assertEquals(w, poppler.width());
        assertEquals(h, poppler.height());
    }

    @Test
    void rgb8PixelsComeBackExactly() throws Exception {
        int w = 72, h = 50;
        byte[][] lines = new byte[h][w * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                lines[y][x * 3] = (byte) (x * 3);
                lines[y][x * 3 + 1] = (byte) (y * 5);
                lines[y][x * 3 + 2] = (byte) (x < 20 ? 200 : x * y);
            }
        }
        Path pdf = convert(new TestRaster().page(TestRaster.header(w, h, 150, PageHeader.SRGB, 8, 3), lines).bytes());
        Pnm page = render(pdf, 150, false, 1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    assertClose(lines[y][x * 3 + c] & 0xFF, page.sample(x, y, c), "pixel " + x + "," + y + "/" + c);
                }
            }
        }
    }

    @Test
    void black1BitsPrintAsBlackAndWhite() throws Exception {
        int w = 144, h = 30;
        byte[][] lines = new byte[h][w / 8];
        for (int y = 0; y < h; y++) {
            for (int b = 0; b < w / 8; b++) {
                lines[y][b] = (byte) (y % 3 == 0 ? 0xF0 : b % 2 == 0 ? 0xAA : 0);
            }
        }
        Path pdf = convert(new TestRaster().page(TestRaster.header(w, h, 150, PageHeader.BLACK, 1, 1), lines).bytes());
        Pnm page = render(pdf, 150, true, 1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean ink = (lines[y][x / 8] >> (7 - x % 8) & 1) == 1;
                assertEquals(ink ? 0 : 255, page.sample(x, y, 0), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void gray16KeepsTheHighByte() throws Exception {
        int w = 40, h = 10;
        byte[][] lines = new byte[h][w * 2];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                lines[y][x * 2] = (byte) (x * 6);
                lines[y][x * 2 + 1] = (byte) 0x80;
            }
        }
        Path pdf = convert(new TestRaster().page(TestRaster.header(w, h, 150, PageHeader.SGRAY, 16, 1), lines).bytes());
        Pnm page = render(pdf, 150, true, 1);
        for (int x = 0; x < w; x++) {
            assertClose(x * 6, page.sample(x, 5, 0), "pixel " + x); // the high byte of x*6*256+128
        }
    }

    @Test
    void cmykNoInkIsWhiteAndFullBlackIsDark() throws Exception {
        int w = 20, h = 4;
        byte[][] lines = new byte[h][w * 4];
        for (int x = 10; x < w; x++) {
            for (int y = 0; y < h; y++) {
                lines[y][x * 4 + 3] = (byte) 255;
            }
        }
        Path pdf = convert(new TestRaster().page(TestRaster.header(w, h, 150, PageHeader.CMYK, 8, 4), lines).bytes());
        Pnm page = render(pdf, 150, true, 1);
        assertEquals(255, page.sample(2, 2, 0));
        assertTrue(page.sample(15, 2, 0) < 60, "K=100% rendered as " + page.sample(15, 2, 0));
    }

    @Test
    void pagesKeepTheirOwnSizes() throws Exception {
        byte[][] a = blankGray(150, 300);
        byte[][] b = blankGray(600, 300);
        byte[] raster = new TestRaster().page(TestRaster.header(150, 300, 150, PageHeader.SGRAY, 8, 1), a)
                .page(TestRaster.header(600, 300, 300, PageHeader.SGRAY, 8, 1), b)
                .page(TestRaster.header(150, 300, 150, PageHeader.SGRAY, 8, 1), a).bytes();
        DocumentConverter.Conversion result;
        Path pdf = dir.resolve("sizes.pdf");
        try (OutputStream out = Files.newOutputStream(pdf)) {
            result = converter.convert(new ByteArrayInputStream(raster), out);
        }
        assertEquals(3, result.pages());
        assertEquals(Files.size(pdf), result.bytesWritten());
        String info = Tools.run("pdfinfo", "-f", "1", "-l", "3", pdf.toString());
        assertEquals(List.of("72 x 144", "144 x 72", "72 x 144"), pageSizes(info));
    }

    @Test
    void ghostscriptRasterMatchesGhostscriptRenderingOfTheSameDocument() throws Exception {
        Path original = dir.resolve("original.pdf");
        Files.write(original, TestPdf.withPages(List.of("First page of the raster test", "Second page")));
        Path raster = dir.resolve("gs.pwg");
        Tools.run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pwgraster", "-r150", "-dcupsColorSpace=18",
                "-dcupsBitsPerColor=8", "-sOutputFile=" + raster, original.toString());
        Path reference = dir.resolve("gs-page1.pgm");
        Tools.run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pgmraw", "-r150", "-dFirstPage=1",
                "-dLastPage=1", "-sOutputFile=" + reference, original.toString());
        Path pdf = convert(Files.readAllBytes(raster));
        assertEquals(2, Tools.pdfPages(pdf));
        Pnm expected = Pnm.read(reference);
        Pnm actual = render(pdf, 150, true, 1);
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        for (int i = 0; i < expected.samples().length; i++) {
            assertClose(expected.samples()[i] & 0xFF, actual.samples()[i] & 0xFF, "sample " + i);
        }
        long dark = 0;
        for (byte s : actual.samples()) {
            dark += (s & 0xFF) < 128 ? 1 : 0;
        }
        assertTrue(dark > 100, "the page has text on it (" + dark + " dark pixels)");
        // and the black_1 form of the same document converts too
        Path black = dir.resolve("gs-black.pwg");
        Tools.run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pwgraster", "-r150", "-dcupsColorSpace=3",
                "-dcupsBitsPerColor=1", "-sOutputFile=" + black, original.toString());
        assertEquals(2, Tools.pdfPages(convert(Files.readAllBytes(black))));
    }

    @Test
    void brokenRastersAreRefusedWithTheReason() throws Exception {
        byte[] header = TestRaster.header(16, 4, 72, PageHeader.SGRAY, 8, 1);
        byte[] good = new TestRaster().page(header, blankGray(16, 4)).bytes();
        assertRefused(new byte[0], "empty");
        assertRefused("%PDF-1.4".getBytes(), "not a PWG Raster");
        assertRefused("RaS2".getBytes(), "no pages");
        assertRefused(Arrays.copyOf(good, 100), "ends early");
        assertRefused(Arrays.copyOf(good, good.length - 1), "ends early");
        assertRefused(withInt(good, 372, 0), "size");
        assertRefused(withInt(good, 372, -1), "size 4294967295x4");
        assertRefused(withInt(withInt(good, 372, 20_000), 376, 20_000), "exceed the limit");
        assertRefused(withInt(good, 276, 0), "resolution");
        assertRefused(withInt(good, 400, PageHeader.ADOBE_RGB), "AdobeRGB");
        assertRefused(withInt(good, 400, 48), "colour space 48");
        assertRefused(withInt(good, 396, 1), "colour order");
        assertRefused(withInt(good, 384, 4), "bits per colour");
        assertRefused(withInt(good, 392, 17), "bytes per line");
        // a run longer than the line: repeat byte 0, then "repeat next pixel 20 times" on a 16-pixel line
        byte[] longRun = concat(Arrays.copyOf(good, 4 + PageHeader.SIZE), new byte[] {0, 19, 0x10});
        assertRefused(longRun, "crosses the end of the line");
        // a line repeated past the end of the page
        byte[] pastPage = concat(Arrays.copyOf(good, 4 + PageHeader.SIZE), new byte[] {9, (byte) 128});
        assertRefused(pastPage, "past the end of the page");
    }

    @Test
    void fuzzedRastersEndInAPdfOrAClearError() throws Exception {
        byte[][] lines = new byte[40][60 * 3];
        Random content = new Random(1);
        for (byte[] line : lines) {
            for (int i = 0; i < line.length; i += 9) {
                line[i] = (byte) content.nextInt(4);
            }
        }
        byte[] seed = new TestRaster().page(TestRaster.header(60, 40, 72, PageHeader.SRGB, 8, 3), lines)
                .page(TestRaster.header(60, 40, 72, PageHeader.SRGB, 8, 3), lines).bytes();
        // small limits so that a mutated size cannot make one case expensive
        PwgRasterToPdf bounded = new PwgRasterToPdf(new RasterLimits(4000, 4000, 2_000_000, 16));
        Random random = new Random(5102);
        int converted = 0;
        int refused = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] mutated = mutate(seed, random);
            try {
                bounded.convert(new ByteArrayInputStream(mutated), OutputStream.nullOutputStream());
                converted++;
            } catch (ConversionException e) {
                assertNotNull(e.getMessage());
                refused++;
            } // anything else (IndexOutOfBounds, OutOfMemoryError, NegativeArraySize…) fails the test
        }
        assertTrue(converted > 0 && refused > 0, converted + " converted, " + refused + " refused");
    }

    @Test
    void aPageOverTheLimitIsRefusedBeforeItIsDecoded() throws Exception {
        // a few bytes claiming 20000 x 30000 pixels: refused from the header, nothing allocated for it
        byte[] bomb = concat("RaS2".getBytes(), TestRaster.header(20_000, 30_000, 300, PageHeader.SRGB, 16, 3));
        ConversionException e = assertThrows(ConversionException.class,
                () -> converter.convert(new ByteArrayInputStream(bomb), OutputStream.nullOutputStream()));
        assertTrue(e.getMessage().contains("600000000 pixels exceed the limit"), e.getMessage());
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] out = seed.clone();
        switch (random.nextInt(4)) {
            case 0 -> { // flip bytes anywhere
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> { // flip bytes in the compressed data only
                for (int n = 1 + random.nextInt(8); n > 0; n--) {
                    int at = 4 + PageHeader.SIZE + random.nextInt(out.length - 4 - PageHeader.SIZE);
                    out[at] = (byte) random.nextInt(256);
                }
            }
            case 2 -> out = Arrays.copyOf(out, random.nextInt(out.length)); // truncate
            default -> { // a header field set to an interesting value
                int[] fields = {276, 280, 372, 376, 384, 388, 392, 396, 400, 420};
                int[] values = {0, 1, 2, 3, 8, 16, 24, 48, 255, 1 << 16, Integer.MAX_VALUE, -1};
                ByteBuffer.wrap(out).putInt(4 + fields[random.nextInt(fields.length)],
                        values[random.nextInt(values.length)]);
            }
        }
        return out;
    }

    private void assertRefused(byte[] raster, String reason) {
        ConversionException e = assertThrows(ConversionException.class,
                () -> converter.convert(new ByteArrayInputStream(raster), new ByteArrayOutputStream()),
                "expected a refusal mentioning: " + reason);
        assertTrue(e.getMessage().contains(reason), "'" + e.getMessage() + "' should mention '" + reason + "'");
    }

    private Path convert(byte[] raster) throws Exception {
        Path pdf = Files.createTempFile(dir, "converted", ".pdf");
        try (OutputStream out = Files.newOutputStream(pdf)) {
            converter.convert(new ByteArrayInputStream(raster), out);
        }
        return pdf;
    }

    /**
     * Renders one page with Ghostscript, which places an image drawn at the page's own resolution pixel for pixel
     * (its colour management may round a sample by one). poppler reads every PDF here too (pdfinfo, pdftoppm) but
     * resamples images slightly when it draws them, so it is not the pixel reference.
     */
    private Pnm render(Path pdf, int dpi, boolean gray, int page) throws Exception {
        Path out = dir.resolve("render-" + System.nanoTime() + (gray ? ".pgm" : ".ppm"));
        Tools.run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=" + (gray ? "pgmraw" : "ppmraw"),
                "-r" + dpi, "-dFirstPage=" + page, "-dLastPage=" + page, "-sOutputFile=" + out, pdf.toString());
        return Pnm.read(out);
    }

    /** Renders with poppler: it must read the PDF and give a page of the raster's size. */
    private Pnm renderWithPoppler(Path pdf, int dpi) throws Exception {
        Path prefix = dir.resolve("poppler-" + System.nanoTime());
        Tools.run("pdftoppm", "-r", Integer.toString(dpi), "-gray", "-f", "1", "-l", "1", "-singlefile",
                pdf.toString(), prefix.toString());
        return Pnm.read(Path.of(prefix + ".pgm"));
    }

    private static void assertClose(int expected, int actual, String what) {
        assertTrue(Math.abs(expected - actual) <= 1, what + ": " + actual + " for " + expected);
    }

    private static List<String> pageSizes(String pdfinfo) {
        Matcher m = Pattern.compile("Page\\s+\\d+ size:\\s+([\\d.]+) x ([\\d.]+) pts").matcher(pdfinfo);
        List<String> sizes = new java.util.ArrayList<>();
        while (m.find()) {
            sizes.add(Math.round(Double.parseDouble(m.group(1))) + " x " + Math.round(Double.parseDouble(m.group(2))));
        }
        return sizes;
    }

    private static byte[][] blankGray(int w, int h) {
        byte[][] lines = new byte[h][w];
        for (byte[] line : lines) {
            Arrays.fill(line, (byte) 0xFF);
        }
        return lines;
    }

    private static byte[] withInt(byte[] raster, int headerOffset, int value) {
        byte[] out = raster.clone();
        ByteBuffer.wrap(out).putInt(4 + headerOffset, value);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
