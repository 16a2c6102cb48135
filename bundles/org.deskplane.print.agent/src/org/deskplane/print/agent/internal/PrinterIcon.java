package org.deskplane.print.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The 128x128 PNG that IPP clients show for a virtual printer ({@code printer-icons}), a resource of this bundle
 * made by Ghostscript from {@code icons/printer-icon.ps}.
 */
final class PrinterIcon {
    static final byte[] PNG = load();

    private PrinterIcon() {
    }

    private static byte[] load() {
        try (InputStream in = PrinterIcon.class.getResourceAsStream("/icons/printer-128.png")) {
            if (in == null) {
                throw new IllegalStateException("icons/printer-128.png is missing from the bundle");
            }
            return in.readNBytes(64 << 10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
