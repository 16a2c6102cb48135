package org.deskplane.print.benchmark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.deskplane.channel.api.HostChannel;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.ipp.IppAttribute;
import org.deskplane.ipp.IppMessage;
import org.deskplane.ipp.IppOperation;
import org.deskplane.ipp.IppWriter;
import org.deskplane.print.api.PrinterDriver;
import org.deskplane.print.routing.PrintRouter;
import org.deskplane.print.routing.RoutingEvents;
import org.deskplane.print.testing.KnownVms;
import org.deskplane.print.testing.TestPdf;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Issue 5's printing benchmarks through the real path, all in one framework: an IPP client (guest role) → the guest's
 * virtual printer (org.deskplane.print.agent) → the channel over a Unix socket → the host bridge
 * (org.deskplane.print.channel) → the real router (org.deskplane.print: policy, durable spool, dispatch) → the PDF
 * directory driver. Prints a table; asserts nothing (timings depend on the machine).
 */
class PrintBenchmark {
    static final int RUNS = Integer.getInteger("bench.runs", 30);
    static final int CLIENTS = Integer.getInteger("bench.clients", 10);
    static final int JOBS_PER_CLIENT = Integer.getInteger("bench.jobsPerClient", 10);

    final BundleContext context = FrameworkUtil.getBundle(PrintBenchmark.class).getBundleContext();
    final Map<String, Long> accepted = new ConcurrentHashMap<>(); // router job id -> nanoTime the driver had it
    final LinkedBlockingQueue<String> acceptedOrder = new LinkedBlockingQueue<>();
    final Map<String, Long> completed = new ConcurrentHashMap<>();
    int port;

    @Test
    void printBenchmarks() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "dpbench");
        Path pdfDir = Files.createDirectories(dir.resolve("pdf"));
        ConfigurationAdmin cm = service(ConfigurationAdmin.class, null);
        HostChannel host = service(HostChannel.class, null);
        String vmId = UUID.randomUUID().toString();
        KnownVms vms = new KnownVms("bench");
        vms.add(vmId, "bench-desk", Map.of("owner", "alice", "pool", "bench"));
        context.registerService(HypervisorConnection.class, vms,
                new Hashtable<>(Map.of(HypervisorConnection.ID_PROPERTY, "bench")));
        context.registerService(EventHandler.class, event -> {
            String job = (String) event.getProperty(RoutingEvents.JOB);
            String state = (String) event.getProperty(RoutingEvents.STATE);
            long now = System.nanoTime();
            if (("PRINTING".equals(state) || "COMPLETED".equals(state)) && accepted.putIfAbsent(job, now) == null) {
                acceptedOrder.add(job);
            }
            if ("COMPLETED".equals(state)) {
                completed.putIfAbsent(job, now);
            }
        }, new Hashtable<>(Map.of(EventConstants.EVENT_TOPIC, RoutingEvents.JOB_CHANGED)));
        configure(cm, "org.deskplane.print.pdf", Map.of("directory", pdfDir.toString(), "reserveBytes", 0L));
        configure(cm, "org.deskplane.print.router", Map.of("spoolDirectory", dir.resolve("spool").toString(),
                "reserveBytes", 0L));
        service(PrintRouter.class, null);
        service(PrinterDriver.class, "(print.driver=pdf)");
        Path socket = dir.resolve("agents.sock");
        configure(cm, "org.deskplane.channel.listener", Map.of("socketPath", socket.toString()));
        await(() -> Files.exists(socket));
        Path key = dir.resolve("agent.key");
        Files.writeString(key, Base64.getEncoder().encodeToString(host.provisionSecret(vmId)) + "\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        configure(cm, "org.deskplane.print.agent", Map.of("port", port, "spoolDirectory", dir.resolve("guest").toString(),
                "retrySeconds", 1));
        configure(cm, "org.deskplane.channel.agent", Map.of("vmId", vmId, "keyFile", key.toString(), "socketPath",
                socket.toString()));
        await(() -> host.agent(vmId).isConnected());
        await(() -> getPrinterAttributesOk());

        List<String> pages = IntStream.rangeClosed(1, 10).mapToObj(i -> "Benchmark page " + i + " of 10").toList();
        byte[] pdf = TestPdf.withPages(pages);
        StringBuilder report = new StringBuilder("\n== Deskplane printing benchmark (PDF directory driver) ==\n");
        report.append(String.format(Locale.ROOT, "machine: %d cores, Java %s; document: 10-page PDF, %d bytes%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), pdf.length));

        // 1. latency: Print-Job sent -> the host driver has accepted the job (router records it PRINTING)
        for (int i = 0; i < 5; i++) {
            printAndWaitAccepted(pdf); // warm-up: JIT, first connections, first spool files
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            millis.add(printAndWaitAccepted(pdf) / 1e6);
        }
        Collections.sort(millis);
        report.append(String.format(Locale.ROOT,
                "latency Print-Job -> driver accepted, %d runs: median %.1f ms, p10 %.1f, p90 %.1f, min %.1f, max %.1f ms "
                        + "(target < 200 ms)%n", RUNS, pct(millis, 50), pct(millis, 10), pct(millis, 90), millis.get(0),
                millis.get(millis.size() - 1)));

        // 2. concurrency: CLIENTS clients x JOBS_PER_CLIENT jobs at once (after the latency jobs have ended)
        await(() -> completed.size() == accepted.size());
        int total = CLIENTS * JOBS_PER_CLIENT;
        long pdfsBefore = countPdfs(pdfDir);
        int completedBefore = completed.size();
        System.gc();
        long heapBefore = usedHeap();
        long[] heapPeak = {heapBefore};
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            results.add(pool.submit(() -> {
                int ok = 0;
                for (int j = 0; j < JOBS_PER_CLIENT; j++) {
                    ok += printJob(pdf) == 200 ? 1 : 0;
                    heapPeak[0] = Math.max(heapPeak[0], usedHeap());
                }
                return ok;
            }));
        }
        int sentOk = 0;
        for (Future<Integer> f : results) {
            sentOk += f.get(10, TimeUnit.MINUTES);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (completed.size() - completedBefore < total && System.nanoTime() < deadline) {
            heapPeak[0] = Math.max(heapPeak[0], usedHeap());
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long printed = countPdfs(pdfDir) - pdfsBefore;
        report.append(String.format(Locale.ROOT,
                "concurrency: %d clients x %d jobs = %d jobs: %d accepted by the guest, %d completed, %d PDFs written "
                        + "(printed once: %s); %.2f s, %.1f jobs/s, %.1f pages/s; heap used before %d MiB, peak %d MiB%n",
                CLIENTS, JOBS_PER_CLIENT, total, sentOk, completed.size() - completedBefore, printed,
                printed == total ? "yes" : "NO", seconds, total / seconds, total * 10 / seconds, heapBefore >> 20,
                heapPeak[0] >> 20));
        System.out.println(report);
        Files.writeString(Path.of(System.getProperty("bench.report", dir.resolve("report.txt").toString())),
                report.toString());
    }

    private long printAndWaitAccepted(byte[] pdf) throws Exception {
        acceptedOrder.clear();
        long start = System.nanoTime();
        if (printJob(pdf) != 200) {
            throw new IllegalStateException("Print-Job failed");
        }
        String job = acceptedOrder.poll(60, TimeUnit.SECONDS);
        if (job == null) {
            throw new IllegalStateException("no job accepted by the driver within 60 s");
        }
        return accepted.get(job) - start;
    }

    private int printJob(byte[] document) throws IOException {
        IppMessage request = IppMessage.request(IppOperation.PRINT_JOB, 1).version(2, 0)
                .add(IppAttribute.uri("printer-uri", "ipp://127.0.0.1:" + port + "/ipp/print/pdf.pdf"),
                        IppAttribute.name("requesting-user-name", "alice"),
                        IppAttribute.mimeType("document-format", "application/pdf"))
                .build();
        return post(IppWriter.toBytes(request), document);
    }

    private boolean getPrinterAttributesOk() throws IOException {
        return post(IppWriter.toBytes(IppMessage.request(IppOperation.GET_PRINTER_ATTRIBUTES, 1)
                .add(IppAttribute.uri("printer-uri", "ipp://127.0.0.1:" + port + "/ipp/print/pdf.pdf")).build()),
                new byte[0]) == 200;
    }

    /** One IPP request over HTTP/1.1; returns the HTTP status once the whole answer is read. */
    private int post(byte[] ipp, byte[] document) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(120_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /ipp/print/pdf.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/ipp\r\n"
                    + "Content-Length: " + (ipp.length + document.length) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(ipp);
            out.write(document);
            out.flush();
            InputStream in = new BufferedInputStream(s.getInputStream());
            String status = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).split("\r\n", 2)[0];
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.round(p / 100.0 * (sorted.size() - 1))));
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long countPdfs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".pdf")).count();
        }
    }

    private static void configure(ConfigurationAdmin cm, String pid, Map<String, Object> values) throws IOException {
        Configuration c = cm.getConfiguration(pid, "?");
        c.update(new Hashtable<>(values));
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception e) {
                // not yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the benchmark rig did not come up within 60 s");
    }

    private <T> T service(Class<T> type, String filter) throws Exception {
        ServiceTracker<T, T> tracker = filter == null ? new ServiceTracker<>(context, type, null)
                : new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + type.getName() + ")" + filter
                        + ")"), null);
        tracker.open();
        T s = tracker.waitForService(60_000);
        if (s == null) {
            throw new IllegalStateException(type.getSimpleName() + " did not appear");
        }
        return s;
    }
}
