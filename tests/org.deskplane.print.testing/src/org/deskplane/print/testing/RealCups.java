package org.deskplane.print.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;


/**
 * The real printing stack of these tests: the host's cupsd (started by releng/scripts/setup) and an
 * IPP Everywhere printer, {@code ippeveprinter}, started here on a free port with its own spool directory,
 * behind a CUPS queue made with {@code lpadmin -m everywhere}. The printer keeps every document it gets
 * ({@code -k}), so a test can read what came out.
 */
public final class RealCups implements AutoCloseable {

    public final Path spool;
    public final int port;
    public final String queue;
    private final Process printer;

    private RealCups(Path spool, int port, String queue, Process printer) {
        this.spool = spool;
        this.port = port;
        this.queue = queue;
        this.printer = printer;
    }

    public static RealCups start(Path dir) throws Exception {
        try {
            Tools.run("lpstat", "-r");
        } catch (IOException e) {
            throw new IllegalStateException("cupsd is not running: run releng/scripts/setup (" + e.getMessage() + ")", e);
        }
        int port = freePort();
        Path spool = Files.createDirectories(dir.resolve("spool"));
        Process printer = new ProcessBuilder("ippeveprinter", "-p", Integer.toString(port), "-d", spool.toString(), "-k",
                "-f", "application/pdf,image/pwg-raster", "-l", "Test lab", "Deskplane Test " + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("ippeveprinter.log").toFile()).start();
        RealCups cups = new RealCups(spool, port, "dp-test-" + UUID.randomUUID().toString().substring(0, 8), printer);
        try {
            cups.awaitPrinter(dir);
            cups.addQueue(cups.queue);
        } catch (Exception | Error e) {
            cups.close();
            throw e;
        }
        return cups;
    }

    public String printerUri() {
        return "ipp://localhost:" + port + "/ipp/print";
    }

    public void addQueue(String name) throws Exception {
        Tools.run("lpadmin", "-p", name, "-E", "-v", printerUri(), "-m", "everywhere", "-L", "Test lab");
    }

    public void removeQueue(String name) throws Exception {
        Tools.run("lpadmin", "-x", name);
    }

    private void awaitPrinter(Path dir) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!printer.isAlive()) {
                throw new IllegalStateException("ippeveprinter exited: " + Files.readString(dir.resolve("ippeveprinter.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("localhost", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("ippeveprinter did not listen on port " + port + " within 30 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            removeQueue(queue);
        } catch (Exception ignored) {
            // the queue may not have been made
        }
        printer.destroy();
        printer.waitFor();
    }
}
