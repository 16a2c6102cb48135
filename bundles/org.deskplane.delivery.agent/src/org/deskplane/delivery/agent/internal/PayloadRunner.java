package org.deskplane.delivery.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import org.deskplane.delivery.api.ManifestException;
import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.api.Step;
import org.deskplane.delivery.spi.GuestState;

/**
 * Processes a payload found at a folder: checks that the manifest there names the job's payload, verifies every
 * file's hash (0–20 %), then runs the steps in order (sharing 20–100 %), all under the manifest's timeout. The
 * host's manifest (sent with the job) decides hashes and steps; the one on the media only has to name the same
 * payload. Ends the job SUCCEEDED, FAILED or CANCELLED; never throws.
 */
final class PayloadRunner {
    private final PayloadVerifier verifier = new PayloadVerifier();
    private final ScriptStep scripts = new ScriptStep();

    void run(Job job, Path root, Deadline deadline) {
        PayloadManifest manifest = job.request().manifest();
        try {
            checkManifest(job, root, manifest);
            verifier.verify(job, root, manifest, deadline);
            List<Step> steps = manifest.steps();
            Integer lastExit = null;
            for (int i = 0; i < steps.size(); i++) {
                PayloadVerifier.checkGoOn(job, deadline);
                lastExit = runStep(job, root, steps.get(i), i, steps.size(), deadline);
            }
            String done = steps.size() + " step" + (steps.size() == 1 ? "" : "s") + " done";
            if (manifest.rebootRequired()) {
                job.log("[agent] the payload asks for a reboot; the agent does not reboot by itself");
                done += "; reboot required";
            }
            job.finish(GuestState.SUCCEEDED, done, lastExit == null ? 0 : lastExit);
        } catch (JobFailure f) {
            job.finish(f.isCancelled() ? GuestState.CANCELLED : GuestState.FAILED, f.getMessage(), f.exitCode());
        } catch (IOException e) {
            job.finish(GuestState.FAILED, e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.finish(GuestState.CANCELLED, "the agent is stopping", null);
        } catch (RuntimeException e) {
            job.finish(GuestState.FAILED, "agent error: " + e, null);
        }
    }

    private static void checkManifest(Job job, Path root, PayloadManifest expected) throws JobFailure, IOException {
        Path file = root.resolve(PayloadManifest.FILE_NAME);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw JobFailure.failed("no " + PayloadManifest.FILE_NAME + " in " + root, null);
        }
        PayloadManifest found;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            found = PayloadManifest.parse(in); // bounded read
        } catch (ManifestException e) {
            throw JobFailure.failed("the payload's manifest cannot be read: " + e.getMessage(), null);
        }
        if (!found.id().equals(expected.id()) || !found.version().equals(expected.version())) {
            throw JobFailure.failed("the payload found is " + found.id() + "/" + found.version() + ", not "
                    + expected.id() + "/" + expected.version(), null);
        }
        job.log("[agent] payload " + found.id() + "/" + found.version() + " at " + root);
    }

    /** Runs step {@code index}; returns its exit code (0 for a copy) or throws when it failed. */
    private Integer runStep(Job job, Path root, Step step, int index, int count, Deadline deadline)
            throws JobFailure, IOException, InterruptedException {
        int from = PayloadVerifier.SHARE + (100 - PayloadVerifier.SHARE) * index / count;
        int to = PayloadVerifier.SHARE + (100 - PayloadVerifier.SHARE) * (index + 1) / count;
        String name = "step " + (index + 1) + " (" + step.kind().name().toLowerCase() + " " + step.source() + ")";
        job.progress(from, name);
        if (step.kind() == Step.Kind.COPY) {
            Path target = FileCopy.copy(PayloadPaths.inside(root, step.source()), step.target());
            job.log("[agent] copied " + step.source() + " to " + target);
            job.progress(to, name);
            return 0;
        }
        job.log("[agent] run " + step.source() + (step.args().isEmpty() ? "" : " " + String.join(" ", step.args())));
        Path script = PayloadPaths.inside(root, step.source());
        if (!Files.isRegularFile(script, LinkOption.NOFOLLOW_LINKS)) {
            throw JobFailure.failed(name + ": the script is missing", null);
        }
        int exit = scripts.run(job, root, step.source(), step.args(), deadline,
                percent -> job.progress(from + (to - from) * percent / 100, name));
        if (exit != 0) {
            throw JobFailure.failed(name + " exited with " + exit, exit);
        }
        job.progress(to, name);
        return exit;
    }
}
