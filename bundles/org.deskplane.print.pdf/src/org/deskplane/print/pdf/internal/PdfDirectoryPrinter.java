package org.deskplane.print.pdf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.deskplane.print.api.HostPrinter;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.api.PrintException.Kind;
import org.deskplane.print.api.PrintJobHandle;
import org.deskplane.print.api.PrintJobRequest;
import org.deskplane.print.api.PrintJobState;
import org.deskplane.print.api.PrintJobStatus;
import org.deskplane.print.api.PrinterCapabilities;

/**
 * The one printer of the PDF directory driver: writes each job into {@code directory} as
 * {@code <job name>--<idempotency key>.pdf}. A plain class (no OSGi) so the component stays thin.
 */
public final class PdfDirectoryPrinter {

    private static final String PDF = "application/pdf";
    private static final String SUFFIX = ".pdf";
    private static final String KEY_SEPARATOR = "--";
    private static final int BUFFER = 64 * 1024;
    private static final int TRAILER_WINDOW = 1024; // %%EOF must be within the last 1024 bytes (PDF 1.7 §7.5.5, loosely)
    private static final PrinterCapabilities CAPABILITIES = new PrinterCapabilities(List.of(PDF), List.of(), "",
            List.of("one-sided"), List.of("auto"), 1, 1, List.of());

    private final String driver;
    private final String printerId;
    private final String name;
    private final String location;
    private final Path directory;
    private final long reserveBytes;
    private final long maxJobBytes;
    /** Jobs of this run that are being written or were cancelled; finished jobs are known from their files. */
    private final Map<String, JobState> jobs = new ConcurrentHashMap<>();

    private static final class JobState {
        volatile PrintJobState state = PrintJobState.PROCESSING;
        volatile String reason = "";
    }

    public PdfDirectoryPrinter(String driver, String printerId, String name, String location, Path directory,
            long reserveBytes, long maxJobBytes) {
        this.driver = driver;
        this.printerId = printerId;
        this.name = name;
        this.location = location;
        this.directory = directory;
        this.reserveBytes = reserveBytes;
        this.maxJobBytes = maxJobBytes;
    }

    public Path directory() {
        return directory;
    }

    public String printerId() {
        return printerId;
    }

    public HostPrinter describe() {
        String problem = storageProblem();
        List<String> reasons = problem == null ? List.of() : List.of(problem.startsWith("spool-area-full") ? "spool-area-full" : "other-error");
        return new HostPrinter(driver, printerId, name, location,
                problem == null ? HostPrinter.PrinterState.IDLE : HostPrinter.PrinterState.STOPPED, reasons, problem == null,
                CAPABILITIES);
    }

    public PrintJobHandle submit(String printer, PrintJobRequest request, InputStream document) throws PrintException {
        checkPrinter(printer);
        if (!PDF.equals(request.documentFormat())) {
            throw new PrintException(Kind.UNSUPPORTED, "the PDF directory printer accepts only application/pdf, not "
                    + request.documentFormat() + " (convert the document to PDF first)");
        }
        if (request.options().hold()) {
            throw new PrintException(Kind.UNSUPPORTED, "the PDF directory printer cannot hold jobs");
        }
        if (request.options().copies() != null && request.options().copies() > 1) {
            throw new PrintException(Kind.UNSUPPORTED, "the PDF directory printer writes one copy of a document");
        }
        String problem = storageProblem();
        if (problem != null) {
            throw new PrintException(Kind.STORAGE, problem);
        }
        String fileName = fileName(request);
        PrintJobHandle handle = new PrintJobHandle(driver, printerId, fileName, request.idempotencyKey());
        JobState job = new JobState();
        if (jobs.putIfAbsent(fileName, job) != null || Files.exists(directory.resolve(fileName))) {
            jobs.remove(fileName, job);
            throw new PrintException(Kind.INVALID, "a job with idempotency key " + request.idempotencyKey()
                    + " was already submitted: use findJob");
        }
        Path temp = directory.resolve("." + fileName + ".part");
        try {
            write(document, temp, job);
            Path target = directory.resolve(fileName);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new PrintException(Kind.STORAGE, "the file system of " + directory + " cannot rename atomically", e);
            }
            forceDirectory();
            job.state = PrintJobState.COMPLETED;
            jobs.remove(fileName); // the file now tells the state
            return handle;
        } catch (PrintException e) {
            deleteQuietly(temp);
            if (job.state == PrintJobState.CANCELLED) {
                return handle; // cancelled while writing: the handle's status says so
            }
            jobs.remove(fileName);
            throw e;
        } catch (IOException e) {
            deleteQuietly(temp);
            jobs.remove(fileName);
            throw storageError(e);
        }
    }

    public PrintJobStatus status(PrintJobHandle handle) throws PrintException {
        checkHandle(handle);
        JobState job = jobs.get(handle.jobId());
        if (job != null) {
            return new PrintJobStatus(handle, job.state, job.reason, -1);
        }
        if (Files.isRegularFile(directory.resolve(handle.jobId()))) {
            return new PrintJobStatus(handle, PrintJobState.COMPLETED, "written to " + directory.resolve(handle.jobId()), -1);
        }
        throw new PrintException(Kind.NOT_FOUND, "no job " + handle.jobId() + " in " + directory);
    }

    public Optional<PrintJobHandle> findJob(String printer, String idempotencyKey) throws PrintException {
        checkPrinter(printer);
        String ending = KEY_SEPARATOR + idempotencyKey + SUFFIX;
        for (String inFlight : jobs.keySet()) {
            if (inFlight.endsWith(ending)) {
                return Optional.of(new PrintJobHandle(driver, printerId, inFlight, idempotencyKey));
            }
        }
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + ending)) {
            for (Path file : files) {
                return Optional.of(new PrintJobHandle(driver, printerId, file.getFileName().toString(), idempotencyKey));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw storageError(e);
        }
    }

    public void cancel(PrintJobHandle handle) throws PrintException {
        checkHandle(handle);
        JobState job = jobs.get(handle.jobId());
        if (job != null && job.state == PrintJobState.PROCESSING) {
            job.reason = "cancelled while being written";
            job.state = PrintJobState.CANCELLED; // the writer sees it before its next block and stops
            return;
        }
        status(handle); // NOT_FOUND for an unknown job; a written or cancelled job: nothing to do
    }

    /** @return why a job cannot be written now, or {@code null}. */
    private String storageProblem() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            return "cannot create the PDF directory " + directory + ": " + describe(e);
        }
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            return "the PDF directory " + directory + " is not a writable directory";
        }
        try {
            long usable = Files.getFileStore(directory).getUsableSpace();
            if (usable < reserveBytes) {
                return "spool-area-full: " + directory + " has " + usable + " bytes free, less than the reserve of "
                        + reserveBytes;
            }
        } catch (IOException e) {
            return "cannot read the free space of " + directory + ": " + describe(e);
        }
        return null;
    }

    private void write(InputStream document, Path temp, JobState job) throws IOException, PrintException {
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            byte[] tail = new byte[TRAILER_WINDOW];
            int tailLength = 0;
            long total = 0;
            boolean headerChecked = false;
            int n;
            while ((n = readBlock(document, buffer)) > 0) {
                if (job.state == PrintJobState.CANCELLED) {
                    throw new PrintException(Kind.FAILED, "cancelled");
                }
                if (!headerChecked) {
                    if (n < 5 || !new String(buffer, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("%PDF-")) {
                        throw new PrintException(Kind.INVALID, "the document is not a PDF: it does not start with %PDF-");
                    }
                    headerChecked = true;
                }
                total += n;
                if (total > maxJobBytes) {
                    throw new PrintException(Kind.UNSUPPORTED, "the document is larger than " + maxJobBytes + " bytes");
                }
                ByteBuffer data = ByteBuffer.wrap(buffer, 0, n);
                while (data.hasRemaining()) {
                    out.write(data);
                }
                tailLength = keepTail(tail, tailLength, buffer, n);
            }
            if (!headerChecked) {
                throw new PrintException(Kind.INVALID, "the document is empty");
            }
            if (!new String(tail, 0, tailLength, java.nio.charset.StandardCharsets.ISO_8859_1).contains("%%EOF")) {
                throw new PrintException(Kind.INVALID, "the PDF is truncated: no %%EOF at its end");
            }
            out.force(true);
        }
    }

    /** Reads until the buffer is full or the stream ends, so the first block holds the whole %PDF- header. */
    private static int readBlock(InputStream in, byte[] buffer) throws PrintException {
        try {
            return in.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw new PrintException(Kind.INVALID, "reading the document failed: " + e.getMessage(), e);
        }
    }

    private static int keepTail(byte[] tail, int tailLength, byte[] block, int n) {
        if (n >= tail.length) {
            System.arraycopy(block, n - tail.length, tail, 0, tail.length);
            return tail.length;
        }
        int keep = Math.min(tailLength, tail.length - n);
        System.arraycopy(tail, tailLength - keep, tail, 0, keep);
        System.arraycopy(block, 0, tail, keep, n);
        return keep + n;
    }

    private void forceDirectory() {
        // make the rename durable; not every platform can open a directory, which is then best effort
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static String fileName(PrintJobRequest request) {
        String title = request.jobName().replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
        if (title.length() > 80) {
            title = title.substring(0, 80);
        }
        return (title.isEmpty() ? "job" : title) + KEY_SEPARATOR + request.idempotencyKey() + SUFFIX;
    }

    private void checkPrinter(String printer) throws PrintException {
        if (!printerId.equals(printer)) {
            throw new PrintException(Kind.NOT_FOUND, "no printer " + printer + " (this driver has " + printerId + ")");
        }
    }

    private void checkHandle(PrintJobHandle handle) throws PrintException {
        checkPrinter(handle.printerId());
        String id = handle.jobId();
        if (id.contains("/") || id.startsWith(".") || !id.endsWith(SUFFIX)) {
            throw new PrintException(Kind.NOT_FOUND, "not a job of the PDF directory printer: " + id);
        }
    }

    private PrintException storageError(IOException e) {
        return new PrintException(Kind.STORAGE, "writing to the PDF directory " + directory + " failed: " + describe(e), e);
    }

    private static String describe(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + " (" + fs.getFile() + ")";
        }
        return e.getMessage() != null && e.getMessage().contains("No space left") ? "no space left on the device"
                : String.valueOf(e.getMessage());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover .part file is hidden and harmless
        }
    }
}
