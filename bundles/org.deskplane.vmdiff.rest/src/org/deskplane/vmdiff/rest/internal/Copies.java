package org.deskplane.vmdiff.rest.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.deskplane.vmdiff.api.DifferenceSource;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.store.DifferenceCopy;

/**
 * Listing what a copy holds. {@link DifferenceSource} reads by VM and number only; a copy on this computer (a
 * {@link DifferenceCopy}, which the local server and hosts hand out) can also list its VMs. A copy reached over the
 * network lists nothing here: its VMs still show up through the hosts that hold or run them.
 */
final class Copies {

    private Copies() {
    }

    static List<String> vms(DifferenceSource copy) throws IOException {
        return copy instanceof DifferenceCopy local ? local.vms() : List.of();
    }

    /** The VM's generations on the copy, oldest first (empty when it holds none). */
    static List<Generation> generations(DifferenceSource copy, String vm) throws IOException {
        if (copy instanceof DifferenceCopy local) {
            return local.generations(vm);
        }
        Optional<Generation> head = copy.head(vm);
        List<Generation> found = new ArrayList<>();
        for (long n = head.map(Generation::number).orElse(0L); n >= 1; n--) {
            copy.generation(vm, n).ifPresent(found::add);
        }
        Collections.reverse(found);
        return found;
    }
}
