package org.deskplane.print.api.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintJobHandle;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintJobStatus;
import org.deskplane.print.api.PrinterDriver;
import org.junit.jupiter.api.Test;

/** {@link PrinterDriver#submit(String, PrintJobRequest, ReadableByteChannel)}: the caller's channel stays the caller's. */
class NonClosingChannelTest {

    /** A careless driver: reads the document and closes the stream it was given. */
    private static final class ClosingDriver implements PrinterDriver {
        byte[] received;

        @Override
        public PrintJobHandle submit(String printerId, PrintJobRequest request, InputStream document) {
            try (document) {
                received = document.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new PrintJobHandle(id(), printerId, "1", request.idempotencyKey());
        }

        @Override
        public String id() {
            return "closing";
        }

        @Override
        public List<HostPrinter> printers() {
            return List.of();
        }

        @Override
        public Optional<HostPrinter> printer(String printerId) {
            return Optional.empty();
        }

        @Override
        public PrintJobStatus status(PrintJobHandle job) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<PrintJobHandle> findJob(String printerId, String idempotencyKey) {
            return Optional.empty();
        }

        @Override
        public void cancel(PrintJobHandle job) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void theDriverReadsTheChannelButCannotCloseIt() throws Exception {
        byte[] document = "%PDF-1.7 not really".getBytes(StandardCharsets.US_ASCII);
        ClosingDriver driver = new ClosingDriver();
        try (ReadableByteChannel channel = Channels.newChannel(new ByteArrayInputStream(document))) {
            driver.submit("p", PrintJobRequest.of("application/pdf", "doc"), channel);

            assertArrayEquals(document, driver.received);
            assertTrue(channel.isOpen(), "the driver closed the caller's channel");
        }
    }
}
