package org.deskplane.vmdiff.rest.internal;

import java.time.Instant;
import java.util.Optional;

import org.deskplane.vmdiff.api.Activity;
import org.deskplane.vmdiff.api.VmHost;
import org.deskplane.vmdiff.rest.internal.VmdiffDtos.OperationDto;

/**
 * One action on one VM on one host, as it runs on the executor. While it runs, its phase and fraction are the host's
 * {@link VmHost#activity} (the host clears that when it is done, so the last phase seen is kept).
 */
final class Operation {

    enum State { RUNNING, SUCCEEDED, FAILED }

    private final String id;
    private final String vm;
    private final String action;
    private final VmHost host;
    private final String actor;
    private final Instant started = Instant.now();
    private State state = State.RUNNING;
    private String message = "";
    private String kind;
    private String lastPhase = "queued";
    private Instant ended;

    Operation(String id, String vm, String action, VmHost host, String actor) {
        this.id = id;
        this.vm = vm;
        this.action = action;
        this.host = host;
        this.actor = actor;
    }

    String id() {
        return id;
    }

    String vm() {
        return vm;
    }

    String action() {
        return action;
    }

    String hostId() {
        return host.hostId();
    }

    String actor() {
        return actor;
    }

    synchronized State state() {
        return state;
    }

    synchronized String message() {
        return message;
    }

    synchronized void started() {
        lastPhase = "started";
    }

    synchronized void succeeded(String text) {
        state = State.SUCCEEDED;
        message = text;
        lastPhase = "done";
        ended = Instant.now();
    }

    synchronized void failed(String failureKind, String text) {
        state = State.FAILED;
        kind = failureKind;
        message = text;
        ended = Instant.now();
    }

    /** The operation now, with the host's live phase and progress while it runs. */
    synchronized OperationDto snapshot() {
        double fraction = state == State.SUCCEEDED ? 1.0 : -1;
        if (state == State.RUNNING) {
            Optional<Activity> now = activity();
            if (now.isPresent()) {
                lastPhase = now.get().phase();
                fraction = now.get().fraction();
            }
        }
        return new OperationDto(id, vm, action, host.hostId(), actor, state.name(), message, kind, lastPhase, fraction,
                started, ended);
    }

    private Optional<Activity> activity() {
        try {
            return host.activity(vm).filter(a -> a.vm().equals(vm));
        } catch (RuntimeException e) {
            return Optional.empty(); // a host going away while polled: the operation itself will say what happened
        }
    }
}
