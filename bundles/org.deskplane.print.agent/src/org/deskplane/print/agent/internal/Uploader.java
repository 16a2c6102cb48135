package org.deskplane.print.agent.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.channel.api.ChannelStream;
import org.deskplane.print.wire.Answer;
import org.deskplane.print.wire.JobHeader;
import org.deskplane.print.wire.JobInfo;
import org.deskplane.print.wire.PrintWire;
import org.deskplane.print.wire.WireReader;

/**
 * Moves documents to the host. While the IPP client sends, each block goes to the spool file and to the channel
 * stream (so nothing is held in memory and the host starts spooling at once); if the channel fails mid-way, the rest
 * only goes to the file. A complete document is kept until the host confirms the job, and resent — same key, so the
 * host spools it once — after a drop or an agent restart.
 */
final class Uploader {
    private static final Logger LOG = Logger.getLogger(Uploader.class.getName());
    private static final int BLOCK = 64 << 10;
    private static final int MAX_ANSWER = 1 << 20;

    private final HostLink host;
    private final SpoolDir spool;
    private final JobTable jobs;
    private final LongSupplier clock;
    /** Keys an IPP thread is sending right now: the resender leaves them alone. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    Uploader(HostLink host, SpoolDir spool, JobTable jobs, LongSupplier clock) {
        this.host = host;
        this.spool = spool;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * Receives {@code document} to its end. A broken client request (the document did not arrive completely) aborts
     * the job and is rethrown; every host-side problem leaves the job waiting in the spool instead.
     */
    void upload(GuestJob job, JobHeader header, InputStream document) throws IOException {
        inFlight.add(header.key());
        try {
            job.receiving(clock.getAsLong());
            ChannelStream stream = null;
            OutputStream remote = null;
            String why = "";
            try {
                stream = host.openSubmit();
                remote = stream.output();
                writeHeader(remote, header);
            } catch (IOException e) {
                why = e.getMessage();
                remote = null;
                reset(stream);
            }
            byte[] buffer = new byte[BLOCK];
            try (OutputStream file = spool.openPart(header.key())) {
                int n;
                while ((n = document.read(buffer)) > 0) {
                    file.write(buffer, 0, n);
                    if (remote != null) {
                        try {
                            remote.write(buffer, 0, n);
                        } catch (IOException e) {
                            why = "the channel broke: " + e.getMessage();
                            remote = null;
                            reset(stream);
                        }
                    }
                }
            } catch (IOException e) {
                reset(stream);
                spool.delete(header.key());
                job.end(GuestJob.ABORTED, "aborted-by-system", "the document did not arrive completely", clock.getAsLong());
                throw e;
            }
            spool.commit(header);
            if (remote != null) {
                try {
                    remote.close();
                    finish(job, header.key(), readAnswer(stream));
                    return;
                } catch (IOException e) {
                    why = "no answer from the host: " + e.getMessage();
                } finally {
                    stream.close();
                }
            }
            job.waitingForHost("waiting for the host (" + why + ")");
        } finally {
            inFlight.remove(header.key());
        }
    }

    /** Sends every complete document the host has not confirmed; called periodically and when the host connects. */
    synchronized void resendPending() {
        if (!host.connected()) {
            return;
        }
        try {
            for (JobHeader stored : spool.pending()) {
                if (inFlight.contains(stored.key())) {
                    continue;
                }
                GuestJob job = jobs.byKey(stored.key()).orElse(null);
                if (job != null && job.terminal()) {
                    spool.delete(stored.key());
                    continue;
                }
                resend(job, stored);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read the print spool " + spool.dir() + ": " + e.getMessage());
        }
    }

    private void resend(GuestJob job, JobHeader stored) {
        long size;
        try {
            size = Files.size(spool.doc(stored.key()));
        } catch (IOException e) {
            spool.delete(stored.key());
            return;
        }
        JobHeader header = new JobHeader(stored.key(), stored.printerId(), stored.documentFormat(), stored.jobName(),
                stored.user(), stored.application(), size, stored.options());
        ChannelStream stream = null;
        try (InputStream in = Files.newInputStream(spool.doc(stored.key()))) {
            stream = host.openSubmit();
            OutputStream out = stream.output();
            writeHeader(out, header);
            in.transferTo(out);
            out.close();
            finish(job, stored.key(), readAnswer(stream));
        } catch (IOException e) {
            LOG.log(Level.FINE, "resending job " + stored.key() + " failed, will retry: " + e.getMessage());
            reset(stream);
        } finally {
            if (stream != null) {
                stream.close();
            }
        }
    }

    /** The host answered: a job (confirmed: forget our copy), a final refusal (forget it too), or try again later. */
    private void finish(GuestJob job, String key, byte[] answer) throws IOException {
        try {
            WireReader r = Answer.read(answer);
            JobInfo info = JobInfo.read(r);
            r.end();
            spool.delete(key);
            if (job != null) {
                job.update(info, clock.getAsLong());
            }
        } catch (Answer.Refused refused) {
            if (retryable(refused.code())) {
                throw new IOException(refused.code() + ": " + refused.getMessage());
            }
            spool.delete(key);
            if (job != null) {
                job.end(GuestJob.ABORTED, "aborted-by-system", refused.code() + ": " + refused.getMessage(),
                        clock.getAsLong());
            }
        }
    }

    /** Drops a job's spool copy (cancelled before the host had it): it must not be resent. */
    void forget(String key) {
        spool.delete(key);
    }

    static boolean retryable(String code) {
        return PrintWire.UNAVAILABLE.equals(code) || "storage".equals(code);
    }

    private static void writeHeader(OutputStream out, JobHeader header) throws IOException {
        byte[] h = header.toBytes();
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(h.length);
        data.write(h);
    }

    private static byte[] readAnswer(ChannelStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream.input());
        int length = in.readInt();
        if (length <= 0 || length > MAX_ANSWER) {
            throw new IOException("answer of " + length + " bytes from the host");
        }
        return in.readNBytes(length);
    }

    private static void reset(ChannelStream stream) {
        if (stream != null) {
            try {
                stream.reset("cancelled", "the guest gave up this attempt");
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }
}
