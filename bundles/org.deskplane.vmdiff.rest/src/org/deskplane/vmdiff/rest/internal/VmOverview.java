package org.deskplane.vmdiff.rest.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.deskplane.vmdiff.api.CopyRelation;
import org.deskplane.vmdiff.api.DifferenceServer;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.VmHost;
import org.deskplane.vmdiff.rest.internal.VmdiffDtos.ActivityDto;
import org.deskplane.vmdiff.rest.internal.VmdiffDtos.CopyDto;
import org.deskplane.vmdiff.rest.internal.VmdiffDtos.GenerationDto;
import org.deskplane.vmdiff.rest.internal.VmdiffDtos.Lease;
import org.deskplane.vmdiff.rest.internal.VmdiffDtos.VmDto;
import org.deskplane.vmdiff.store.DeltaPull;

/**
 * Where every VM is: the server copy's newest generation and lease, and per host its copy (with how it stands to the
 * server's), whether the VM runs there and what the host is doing with it. A VM appears when the server copy or any
 * host holds a generation of it or runs it.
 */
final class VmOverview {

    private final Optional<DifferenceServer> server;
    private final List<VmHost> hosts;

    VmOverview(Optional<DifferenceServer> server, List<VmHost> hosts) {
        this.server = server;
        this.hosts = hosts;
    }

    List<VmDto> all() throws IOException {
        Set<String> names = new TreeSet<>();
        if (server.isPresent()) {
            names.addAll(Copies.vms(server.get().copy()));
        }
        for (VmHost host : hosts) {
            names.addAll(Copies.vms(host.copy()));
            names.addAll(host.running());
        }
        List<VmDto> vms = new ArrayList<>();
        for (String vm : names) {
            VmDto dto = of(vm);
            if (dto.server() != null || !dto.copies().isEmpty()) {
                vms.add(dto); // a folder without any published generation (a first capture under way) is not a VM yet
            }
        }
        return vms;
    }

    VmDto of(String vm) throws IOException {
        Optional<Generation> head = server.isPresent() ? server.get().copy().head(vm) : Optional.empty();
        Lease lease = server.flatMap(s -> s.leases().current(vm)).map(Lease::of).orElse(null);
        List<CopyDto> copies = new ArrayList<>();
        List<String> runningOn = new ArrayList<>();
        boolean diverged = false;
        for (VmHost host : hosts) {
            Optional<Generation> mine = host.copy().head(vm);
            boolean running = host.running().contains(vm);
            if (mine.isEmpty() && !running) {
                continue;
            }
            CopyRelation relation = server.isPresent() ? DeltaPull.relation(host.copy(), server.get().copy(), vm) : null;
            diverged |= relation == CopyRelation.DIVERGED;
            if (running) {
                runningOn.add(host.hostId());
            }
            copies.add(new CopyDto(host.hostId(), mine.map(Generation::number).orElse(null),
                    mine.map(Generation::contentHash).orElse(null), relation == null ? null : relation.name(),
                    relation == CopyRelation.DIVERGED, running, host.activity(vm).map(ActivityDto::of).orElse(null)));
        }
        return new VmDto(vm, head.map(GenerationDto::of).orElse(null), lease, copies, diverged, runningOn);
    }
}
