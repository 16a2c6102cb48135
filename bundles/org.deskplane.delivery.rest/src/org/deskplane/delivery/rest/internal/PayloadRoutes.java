package org.deskplane.delivery.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PayloadRef;
import org.deskplane.delivery.api.PayloadRepository;
import org.deskplane.delivery.rest.internal.DeliveryDtos.Image;
import org.deskplane.delivery.rest.internal.DeliveryDtos.PayloadDetail;
import org.deskplane.delivery.rest.internal.DeliveryDtos.PayloadSummary;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;

/** The payload library: list, inspect, import a zip, build and download the ISO image, delete. */
final class PayloadRoutes {

    static final String BASE = "/delivery/payloads";

    private final DeliveryServices services;

    PayloadRoutes(DeliveryServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.get(BASE, Role.OPERATOR, "The payloads in the repository (id, version, files, size, ISO label, "
                        + "whether the image is built), sorted by id and version", Guarded.read(this::list)),
                Route.get(BASE + "/{id}/{version}", Role.OPERATOR, "One payload: its manifest (description, steps, "
                        + "reboot, timeout), every file with size and SHA-256, ISO label and image state",
                        Guarded.read(this::detail)),
                Route.post(BASE, Role.ADMIN, "Import a payload from a zip archive (body application/zip) holding "
                        + "deskplane-payload.conf in its root → 201 payload; a bad manifest or a file that does not "
                        + "match its listed SHA-256 is 400 INVALID, an existing id/version 409 CONFLICT",
                        Guarded.audited(services, "delivery.payload.import", this::importZip)),
                Route.delete(BASE + "/{id}/{version}", Role.ADMIN,
                        "Delete a payload and its image (409 CONFLICT while a deployment uses it)",
                        Guarded.audited(services, "delivery.payload.delete", this::delete)),
                Route.post(BASE + "/{id}/{version}/image", Role.ADMIN, "Build the payload's ISO 9660 image (kept; "
                        + "built once) → {built, label, size, sha256}",
                        Guarded.audited(services, "delivery.payload.image", this::build)),
                Route.get(BASE + "/{id}/{version}/image", Role.OPERATOR, "Download the payload's ISO image "
                        + "(application/octet-stream, streamed); 409 CONFLICT until it is built", Guarded.read(this::download)));
    }

    private ApiResult list(ApiRequest request) {
        return ApiResult.ok(services.payloads().list().stream()
                .sorted(Comparator.comparing((Payload p) -> p.manifest().id()).thenComparing(p -> p.manifest().version()))
                .map(PayloadSummary::of).toList());
    }

    private ApiResult detail(ApiRequest request) {
        return ApiResult.ok(PayloadDetail.of(find(services.payloads(), Params.payload(request))));
    }

    private ApiResult importZip(ApiRequest request) throws IOException, DeliveryException {
        checkZip(request);
        Payload imported;
        try (InputStream body = request.body()) {
            imported = services.payloads().importArchive(body, services.maxImportBytes());
        }
        PayloadRef ref = imported.ref();
        return ApiResult.created(PayloadDetail.of(imported)).header("Location", "/api" + BASE + "/" + ref);
    }

    private ApiResult delete(ApiRequest request) throws DeliveryException {
        services.payloads().delete(Params.payload(request));
        return ApiResult.noContent();
    }

    private ApiResult build(ApiRequest request) throws DeliveryException {
        PayloadRepository repository = services.payloads();
        PayloadRef ref = Params.payload(request);
        Path image = repository.image(ref, written -> {
        });
        Payload built = repository.find(ref).orElseThrow(() -> new DeliveryException(DeliveryException.Reason.NOT_FOUND,
                "payload " + ref + " was removed while its image was built"));
        Image answer = Image.of(built);
        if (!answer.built()) { // a repository that does not record the size yet: say what is on disk
            answer = new Image(true, built.volumeLabel(), size(image), built.imageSha256());
        }
        return ApiResult.ok(answer);
    }

    private ApiResult download(ApiRequest request) throws DeliveryException {
        PayloadRepository repository = services.payloads();
        PayloadRef ref = Params.payload(request);
        Payload payload = find(repository, ref);
        if (payload.imageSize() <= 0) {
            throw ApiException.conflict("the image of " + ref + " is not built yet: POST /api" + BASE + "/" + ref + "/image");
        }
        Path image = repository.image(ref, written -> {
        });
        return ApiResult.stream(200, "application/octet-stream", out -> Files.copy(image, out))
                .header("Content-Length", Long.toString(size(image)))
                .header("Content-Disposition", "attachment; filename=\"" + ref.id() + "-" + ref.version() + ".iso\"")
                .header("X-Content-SHA256", payload.imageSha256());
    }

    private static Payload find(PayloadRepository repository, PayloadRef ref) {
        return repository.find(ref).orElseThrow(() -> new ApiException(404, "NOT_FOUND", "no payload " + ref));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new ApiException(500, "FAILED", "the image cannot be read: " + e.getMessage(), e);
        }
    }

    /** Only a zip (or an untyped body) is accepted: a JSON body sent here by mistake gets a clear 415. */
    private static void checkZip(ApiRequest request) {
        String type = request.header("Content-Type").map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .orElse("");
        if (!type.isEmpty() && !type.equals("application/zip") && !type.equals("application/x-zip-compressed")
                && !type.equals("application/octet-stream")) {
            throw new ApiException(415, "Unsupported media type",
                    "send the payload as application/zip (a zip with deskplane-payload.conf in its root), not " + type);
        }
    }
}
