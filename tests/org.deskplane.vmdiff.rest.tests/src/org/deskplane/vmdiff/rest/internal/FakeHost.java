package org.deskplane.vmdiff.rest.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.deskplane.vmdiff.api.Activity;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceSource;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.VmHost;
import org.deskplane.vmdiff.store.DifferenceCopy;

/**
 * A host for the routes to act on: a real copy of its own, the VMs said to run here, and actions that record their
 * call, may wait on a gate (reporting an activity meanwhile) and may fail with a given exception.
 */
final class FakeHost implements VmHost {

    final String id;
    final DifferenceCopy copy;
    final Set<String> running = ConcurrentHashMap.newKeySet();
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Activity> activities = new ConcurrentHashMap<>();
    volatile CountDownLatch gate;
    volatile DifferenceException failure;
    volatile Duration lastTimeout;

    FakeHost(String id, DifferenceCopy copy) {
        this.id = id;
        this.copy = copy;
    }

    private void act(String vm, String action) throws DifferenceException {
        calls.add(action + " " + vm);
        activities.put(vm, new Activity(vm, action, "pushing to the server", 1, 4));
        try {
            CountDownLatch waitFor = gate;
            if (waitFor != null && !waitFor.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never opened the gate");
            }
            if (failure != null) {
                throw failure;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DifferenceException(DifferenceException.Kind.INVALID, "interrupted");
        } finally {
            activities.remove(vm);
        }
    }

    private Generation head(String vm) throws DifferenceException {
        try {
            return copy.head(vm).orElseThrow(() -> new DifferenceException(DifferenceException.Kind.NOT_FOUND, "none"));
        } catch (IOException e) {
            throw new DifferenceException(DifferenceException.Kind.CORRUPT, e.getMessage(), e);
        }
    }

    @Override
    public String hostId() {
        return id;
    }

    @Override
    public void launch(String vm, String domainXml, String baseSha256, String baseFormat) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Generation suspend(String vm) throws DifferenceException {
        act(vm, "suspend");
        running.remove(vm);
        return head(vm);
    }

    @Override
    public void resume(String vm) throws DifferenceException {
        act(vm, "resume");
        running.add(vm);
    }

    @Override
    public void moveHere(String vm) throws DifferenceException {
        act(vm, "move");
        running.add(vm);
    }

    @Override
    public void release(String vm) throws DifferenceException {
        act(vm, "release");
        running.remove(vm);
    }

    @Override
    public String installBase(Path image, String format, String expectedSha256) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void fetchBase(String sha256) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Generation shutdown(String vm, Duration timeout) throws DifferenceException {
        lastTimeout = timeout;
        act(vm, "shutdown");
        running.remove(vm);
        return head(vm);
    }

    @Override
    public Optional<Activity> activity(String vm) {
        return Optional.ofNullable(activities.get(vm));
    }

    @Override
    public DifferenceSource copy() {
        return copy;
    }

    @Override
    public List<String> running() {
        return List.copyOf(running);
    }
}
