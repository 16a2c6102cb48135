package org.deskplane.vmdiff.remote.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.security.api.Role;
import org.deskplane.vmdiff.api.BaseImage;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;
import org.deskplane.vmdiff.api.DifferenceServer;

/**
 * Base images for hosts to fetch: the list, the SHA-256 of each 4 MiB transfer block, and the bytes with an HTTP
 * {@code Range} (one range, at most the batch limit), so that a host resumes a fetch from the first block it lacks.
 */
final class BaseRoutes {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,19})-(\\d{0,19})");
    private static final int PIECE = 1 << 20;
    private final WireServices services;

    BaseRoutes(WireServices services) {
        this.services = services;
    }

    List<Route> routes() {
        return List.of(
                Route.get(WireResource.BASE + "/bases", Role.OPERATOR, "The base images the server holds [{sha256, format, size}]",
                        Guard.of(this::list)),
                Route.get(WireResource.BASE + "/bases/{sha256}/blocks", Role.OPERATOR,
                        "SHA-256 of each 4 MiB block of a base image (32 bytes each)", Guard.of(this::blocks)),
                Route.get(WireResource.BASE + "/bases/{sha256}", Role.OPERATOR,
                        "A base image's bytes; send Range: bytes=a-b for a part (206)", Guard.of(this::bytes)));
    }

    private ApiResult list(ApiRequest request) throws IOException {
        return ApiResult.ok(services.server().bases().stream().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sha256", b.sha256());
            m.put("format", b.format());
            m.put("size", b.size());
            return m;
        }).toList());
    }

    private BaseImage base(ApiRequest request) throws IOException, DifferenceException {
        String sha = Params.sha256(request.pathParam("sha256"), "a base image's name");
        return services.server().bases().stream().filter(b -> b.sha256().equals(sha)).findFirst()
                .orElseThrow(() -> new DifferenceException(Kind.NOT_FOUND, "the server has no base image " + sha));
    }

    private ApiResult blocks(ApiRequest request) throws IOException, DifferenceException {
        BaseImage base = base(request);
        return ReadRoutes.bytes(WireFormat.hashes(services.server().baseBlocks(base.sha256())));
    }

    private ApiResult bytes(ApiRequest request) throws IOException, DifferenceException {
        BaseImage base = base(request);
        DifferenceServer server = services.server();
        long from = 0;
        long to = base.size() - 1;
        boolean partial = false;
        String range = request.header("Range").map(String::strip).orElse("");
        if (!range.isEmpty()) {
            Matcher m = RANGE.matcher(range);
            if (!m.matches()) {
                throw new ApiException(416, "Range not satisfiable", "send one range as 'bytes=first-last', not '" + range + "'");
            }
            from = Long.parseLong(m.group(1));
            to = m.group(2).isEmpty() ? base.size() - 1 : Math.min(Long.parseLong(m.group(2)), base.size() - 1);
            if (from > to || from >= base.size()) {
                throw new ApiException(416, "Range not satisfiable", range + " is outside the " + base.size() + " bytes of " + base.sha256());
            }
            if (to - from + 1 > services.maxBatchBytes()) {
                throw new ApiException(416, "Range not satisfiable", "a range carries at most " + services.maxBatchBytes() + " bytes");
            }
            partial = true;
        }
        long first = from;
        long length = to - from + 1;
        ApiResult result = ApiResult.stream(partial ? 206 : 200, "application/octet-stream", out -> {
            ByteBuffer piece = ByteBuffer.allocate(PIECE);
            for (long done = 0; done < length;) {
                piece.clear().limit((int) Math.min(PIECE, length - done));
                server.readBase(base.sha256(), first + done, piece);
                if (piece.position() == 0) {
                    throw new java.io.EOFException("base image " + base.sha256() + " ended early");
                }
                out.write(piece.array(), 0, piece.position());
                done += piece.position();
            }
        }).header("Content-Length", Long.toString(length)).header("Accept-Ranges", "bytes");
        return partial ? result.header("Content-Range", "bytes " + from + "-" + to + "/" + base.size()) : result;
    }
}
