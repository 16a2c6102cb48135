package org.deskplane.delivery.agent.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.delivery.spi.GuestJob;
import org.deskplane.delivery.spi.GuestState;
import org.deskplane.delivery.spi.GuestStatus;
import org.deskplane.delivery.spi.MediaLocation;
import org.deskplane.delivery.wire.DeliveryWire;

/**
 * The guest's delivery verbs, as the host's requests name them: prepare, start (processing runs on a thread of its
 * own), status, cancel, release. Everything a job leaves (mount, copied files) is undone by release, also for jobs
 * this agent no longer remembers (it restarted), because the paths follow from the job id alone.
 */
public final class DeliveryAgent implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeliveryAgent.class.getName());
    private static final long RELEASE_WAIT_MILLIS = 10_000;
    private final AgentSettings settings;
    private final JobRegistry jobs;
    private final MediaLocator locator;
    private final Mounter mounter = new Mounter();
    private final KernelModules modules = new KernelModules(Path.of("/sys/module"));
    private final PayloadRunner runner = new PayloadRunner();
    private final CopyReceiver copies;
    private final ExecutorService workers = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("delivery-job-", 0).factory());

    public DeliveryAgent(AgentSettings settings) {
        this.settings = settings;
        this.jobs = new JobRegistry(settings.maxJobs(), settings.maxLogLines());
        this.locator = new MediaLocator(settings.sysBlock(), settings.devices());
        this.copies = new CopyReceiver(settings.copyRoot(), settings.maxFileBytes());
    }

    CopyReceiver copies() {
        return copies;
    }

    MediaLocator locator() {
        return locator;
    }

    /** Remembers the job and loads what a hot-inserted disc needs. */
    void prepare(GuestJob request) throws AgentRefusal {
        Job job = jobs.getOrCreate(request);
        modules.ensureLoaded(settings.kernelModules(), job::log);
    }

    /** Starts processing in the background; a job started before is left as it is. */
    void start(GuestJob request, MediaLocation where) throws AgentRefusal {
        if (where.kind() == MediaLocation.Kind.VOLUME_LABEL && where.value().isBlank()) {
            throw AgentRefusal.invalid("empty volume label");
        }
        if (where.kind() == MediaLocation.Kind.GUEST_DIRECTORY && !Path.of(where.value()).isAbsolute()) {
            throw AgentRefusal.invalid("guest directory must be absolute: " + where.value());
        }
        Job job = jobs.getOrCreate(request);
        if (!job.start()) {
            return;
        }
        try {
            workers.execute(() -> process(job, where));
        } catch (RejectedExecutionException e) {
            job.finish(GuestState.FAILED, "the agent is stopping", null);
        }
    }

    private void process(Job job, MediaLocation where) {
        Deadline deadline = Deadline.after(job.request().manifest().timeout());
        Path root;
        if (where.kind() == MediaLocation.Kind.GUEST_DIRECTORY) {
            root = Path.of(where.value());
        } else {
            Optional<Path> mounted = mountByLabel(job, where.value(), deadline);
            if (mounted.isEmpty()) {
                return; // the job is finished already
            }
            root = mounted.get();
        }
        if (!Files.isDirectory(root)) {
            job.finish(GuestState.FAILED, "payload folder " + root + " does not exist", null);
            return;
        }
        runner.run(job, root, deadline);
    }

    private Optional<Path> mountByLabel(Job job, String label, Deadline deadline) {
        job.progress(0, "looking for the disc labelled " + label);
        Instant lookUntil = Instant.now().plus(settings.locateTimeout());
        if (deadline.at().isBefore(lookUntil)) {
            lookUntil = deadline.at();
        }
        try {
            Optional<Path> device = locator.find(label, lookUntil, job::cancelRequested);
            if (job.cancelRequested()) {
                job.finish(GuestState.CANCELLED, "cancelled", null);
                return Optional.empty();
            }
            if (device.isEmpty()) {
                job.finish(GuestState.FAILED, "no disc labelled " + label + " appeared within "
                        + settings.locateTimeout().toSeconds() + " s (looked at " + locator.candidates() + ")", null);
                return Optional.empty();
            }
            Path dir = mountPoint(job.id());
            job.log("[agent] found " + label + " on " + device.get() + ", mounting it on " + dir);
            mounter.mount(device.get(), dir);
            job.mountedAt(dir);
            return Optional.of(dir);
        } catch (IOException e) {
            job.finish(GuestState.FAILED, e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.finish(GuestState.CANCELLED, "the agent is stopping", null);
        }
        return Optional.empty();
    }

    GuestStatus status(String jobId, int logFrom) {
        return jobs.find(jobId).map(j -> j.status(logFrom, DeliveryWire.MAX_LOG_LINES))
                .orElseGet(() -> new GuestStatus(GuestState.UNKNOWN, 0, "no such job", null, List.of(), logFrom));
    }

    /** Whether the job's copied payload folder exists. */
    boolean hasCopy(String jobId) {
        return Files.isDirectory(copies.jobDir(jobId));
    }

    void cancel(String jobId) {
        jobs.find(jobId).ifPresent(Job::cancel);
    }

    /** Cancels the job if it runs, unmounts its disc, deletes its copied files and forgets it. Idempotent. */
    void release(String jobId) throws AgentRefusal {
        Optional<Job> job = jobs.find(jobId);
        if (job.isPresent()) {
            job.get().cancel();
            try {
                if (!job.get().awaitEnd(RELEASE_WAIT_MILLIS)) {
                    LOG.warning("delivery job " + jobId + " did not end within " + RELEASE_WAIT_MILLIS + " ms of its cancel");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        mounter.unmount(mountPoint(jobId), line -> job.ifPresent(j -> j.log(line)));
        try {
            deleteTree(copies.jobDir(jobId));
        } catch (IOException e) {
            throw new AgentRefusal("could not delete the copy of job " + jobId + ": " + e.getMessage());
        }
        jobs.forget(jobId);
    }

    private Path mountPoint(String jobId) {
        return settings.mountRoot().resolve(jobId);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() { // does not follow links: only the job's own files go
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Stops every job (their processes are killed) and the workers. */
    @Override
    public void close() {
        for (Job job : jobs.all()) {
            job.cancel();
        }
        workers.shutdownNow();
        LOG.log(Level.FINE, "delivery agent stopped");
    }
}
