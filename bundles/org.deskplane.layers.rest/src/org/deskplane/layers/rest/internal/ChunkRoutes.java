package org.deskplane.layers.rest.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.deskplane.layers.api.CvdStore;
import org.deskplane.layers.api.LayerException;
import org.deskplane.layers.rest.internal.Bodies.ChunkIds;
import org.deskplane.layers.rest.internal.Bodies.Missing;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;

/**
 * Content-addressed chunks: which ids the store lacks, upload (streamed when the length is known, else read into a
 * bounded buffer; the store checks the bytes against the id), download (streamed). Chunk ids are SHA-256 hex: knowing
 * one means having had the content, so chunks are not owned by a CVD (that is what deduplicates across users).
 */
final class ChunkRoutes {

    static final String BASE = "/layers/chunks";
    static final int MAX_IDS = 10_000;

    /** A chunk known to the store: no new bytes were kept. */
    record Stored(String id, boolean created) {
    }

    private final LayersServices services;

    ChunkRoutes(LayersServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.post(BASE + "/missing", Role.USER, "{ids: [sha256]} (at most 10,000) → {missing: [sha256]}",
                        Guarded.read(this::missing)),
                Route.put(BASE + "/{sha256}", Role.USER, "Store a chunk (application/octet-stream, at most 16 MiB) → 201 "
                        + "new / 200 known; 400 when the bytes do not hash to the id", Guarded.read(this::put)),
                Route.get(BASE + "/{sha256}", Role.USER, "A chunk's bytes (application/octet-stream, streamed)",
                        Guarded.read(this::get)));
    }

    private ApiResult missing(ApiRequest request) {
        ChunkIds body = Bodies.read(request, ChunkIds.class);
        List<String> ids = body.ids() == null ? List.of() : body.ids();
        if (ids.size() > MAX_IDS) {
            throw ApiException.badRequest("at most " + MAX_IDS + " ids per request, not " + ids.size());
        }
        for (String id : ids) {
            checkId(id);
        }
        Set<String> missing = services.store().missingChunks(ids);
        return ApiResult.ok(new Missing(ids.stream().distinct().filter(missing::contains).toList()));
    }

    private ApiResult put(ApiRequest request) throws IOException, LayerException {
        String id = checkId(request.pathParam("sha256"));
        checkOctetStream(request);
        CvdStore store = services.store();
        long max = services.maxChunkBytes();
        long length = request.header("Content-Length").map(ChunkRoutes::length).orElse(-1L);
        if (length > max) {
            throw tooLarge(length, max);
        }
        boolean created;
        if (length >= 0) {
            try (InputStream body = new ExactLengthInputStream(request.body(), length)) {
                created = store.putChunk(id, body, length);
            }
        } else {
            byte[] bytes;
            try (InputStream body = request.body()) {
                bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            }
            if (bytes.length > max) {
                throw tooLarge(bytes.length, max);
            }
            created = store.putChunk(id, new ByteArrayInputStream(bytes), bytes.length);
        }
        Stored answer = new Stored(id, created);
        return created ? ApiResult.created(answer).header("Location", "/api" + BASE + "/" + id) : ApiResult.ok(answer);
    }

    private ApiResult get(ApiRequest request) throws IOException, LayerException {
        String id = checkId(request.pathParam("sha256"));
        CvdStore store = services.store();
        if (!store.missingChunks(List.of(id)).isEmpty()) {
            throw ApiException.notFound("no chunk " + id);
        }
        InputStream in = store.openChunk(id);
        return ApiResult.stream(200, "application/octet-stream", out -> {
            try (in) {
                in.transferTo(out);
            }
        }).header("Cache-Control", "private, max-age=31536000, immutable");
    }

    private static String checkId(String id) {
        if (!Params.isChunkId(id)) {
            throw ApiException.badRequest("a chunk id is 64 lower-case hex digits (SHA-256): '" + id + "'");
        }
        return id;
    }

    private static long length(String header) {
        try {
            long value = Long.parseLong(header.strip());
            if (value < 0) {
                throw ApiException.badRequest("negative Content-Length");
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Content-Length is not a number: " + header);
        }
    }

    private static ApiException tooLarge(long length, long max) {
        return new ApiException(413, "Chunk too large", "a chunk holds at most " + max + " bytes, not " + length);
    }

    private static void checkOctetStream(ApiRequest request) {
        String type = request.header("Content-Type").map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
                .orElse("");
        if (!type.isEmpty() && !type.equals("application/octet-stream")) {
            throw new ApiException(415, "Unsupported media type", "send chunks as application/octet-stream, not " + type);
        }
    }
}
