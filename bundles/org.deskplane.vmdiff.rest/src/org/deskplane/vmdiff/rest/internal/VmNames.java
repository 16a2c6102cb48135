package org.deskplane.vmdiff.rest.internal;

import java.util.regex.Pattern;

import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiRequest;

/** The VM of a per-VM route, checked as the copies name VMs (letters, digits, {@code . _ -}). */
final class VmNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private VmNames() {
    }

    static String vm(ApiRequest request) {
        String vm = request.pathParam("vm");
        if (vm == null || !NAME.matcher(vm).matches()) {
            throw ApiException.badRequest("a VM name is letters, digits, . _ - (up to 128, not starting with . _ -): " + vm);
        }
        return vm;
    }
}
