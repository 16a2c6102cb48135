package org.deskplane.vmdiff.remote.internal;

import java.util.regex.Pattern;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;

/** Path and query values of the wire routes, checked before they reach the copy. */
final class Params {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Params() {
    }

    static String vm(ApiRequest request) {
        String vm = request.pathParam("vm");
        if (vm == null || !NAME.matcher(vm).matches()) {
            throw ApiException.badRequest("a VM key is letters, digits, . _ - (up to 128): '" + vm + "'");
        }
        return vm;
    }

    static String sha256(String value, String what) {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw ApiException.badRequest(what + " is 64 lower-case hex digits (SHA-256): '" + value + "'");
        }
        return value;
    }

    static long longPath(ApiRequest request, String name, long min, long max) {
        return parse(request.pathParam(name), name, min, max);
    }

    static long longQuery(ApiRequest request, String name, long min, long max, long fallback) {
        return request.query(name).map(v -> parse(v, name, min, max)).orElse(fallback);
    }

    private static long parse(String value, String name, long min, long max) {
        try {
            long n = Long.parseLong(value == null ? "" : value.strip());
            if (n < min || n > max) {
                throw ApiException.badRequest(name + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " is not a whole number: '" + value + "'");
        }
    }
}
