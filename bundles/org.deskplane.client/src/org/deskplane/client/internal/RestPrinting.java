package org.deskplane.client.internal;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.deskplane.client.RemotePrinting;
import org.deskplane.client.ServerException;
import org.deskplane.print.api.PrintException;
import org.deskplane.print.routing.SpooledJob;
import org.deskplane.print.routing.VmPrinter;

/** {@link RemotePrinting} over the {@code /api/print} routes. */
final class RestPrinting implements RemotePrinting {

    private final RestClient rest;

    RestPrinting(RestClient rest) {
        this.rest = rest;
    }

    @Override
    public List<DriverPrinters> hostPrinters() throws PrintException {
        return PrintErrors.call(() -> JsonMapping.list(rest.getJson("/print/printers"), "printer driver",
                PrintJson::driver));
    }

    @Override
    public List<VmPrinter> vmPrinters(String connectionId, String vmUuid) throws PrintException {
        String path = "/print/vms/" + PathSegments.segment(Objects.requireNonNull(connectionId, "connectionId")) + "/"
                + PathSegments.segment(Objects.requireNonNull(vmUuid, "vmUuid")) + "/printers";
        return PrintErrors.call(() -> JsonMapping.list(rest.getJson(path), "printer", PrintJson::printer));
    }

    @Override
    public List<SpooledJob> jobs(String vmKey, int limit) throws PrintException {
        String path = "/print/jobs?limit=" + limit + (vmKey == null || vmKey.isBlank() ? ""
                : "&vm=" + PathSegments.query(vmKey));
        return PrintErrors.call(() -> JsonMapping.list(rest.getJson(path), "print job", PrintJson::job));
    }

    @Override
    public Optional<SpooledJob> job(String jobId) throws PrintException {
        try {
            return Optional.of(PrintJson.job(rest.getJson(jobPath(jobId))));
        } catch (ServerException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw PrintErrors.translate(e);
        }
    }

    @Override
    public SpooledJob cancel(String jobId) throws PrintException {
        return PrintErrors.call(() -> PrintJson.job(rest.sendJson("POST", jobPath(jobId) + "/cancel", null)));
    }

    @Override
    public SpooledJob print(String vmKey, String vmPrinterId, String jobName, String format, byte[] document)
            throws PrintException {
        Objects.requireNonNull(document, "document");
        String path = "/print/jobs?vm=" + PathSegments.query(Objects.requireNonNull(vmKey, "vmKey")) + "&printer="
                + PathSegments.query(Objects.requireNonNull(vmPrinterId, "vmPrinterId"))
                + (jobName == null ? "" : "&name=" + PathSegments.query(jobName));
        return PrintErrors.call(() -> PrintJson.job(rest.expectAndParse("POST", path,
                HttpRequest.BodyPublishers.ofByteArray(document), Objects.requireNonNull(format, "format"))));
    }

    private static String jobPath(String jobId) {
        return "/print/jobs/" + PathSegments.segment(Objects.requireNonNull(jobId, "jobId"));
    }
}
