package org.deskplane.delivery.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.delivery.api.ManifestException;
import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.spi.GuestJob;
import org.deskplane.delivery.spi.GuestState;
import org.deskplane.delivery.spi.GuestStatus;
import org.deskplane.delivery.spi.MediaLocation;

/**
 * Message types and body codecs. Every request names the job ({@value #JOB}); the agent treats a repeated request
 * for a job as the same request (the channel resends after a reconnect).
 *
 * <ul>
 * <li>{@value #PREPARE}: job + manifest + label → {@code ok}; the guest gets ready for the device</li>
 * <li>{@value #START}: job + manifest + label + location → {@code ok} once processing started</li>
 * <li>{@value #STATUS}: job + {@value #LOG_FROM} → a status</li>
 * <li>{@value #CANCEL}: job → {@code ok}; the running step is killed</li>
 * <li>{@value #RELEASE}: job → {@code ok}; media unmounted, copied files deleted, job forgotten</li>
 * <li>stream {@value #COPY_STREAM}: host → agent, one file: a header line (a message, see {@link #copyHeader}), then
 * the bytes; the agent answers one line, {@code ok} or {@code error <reason>}, after checking the SHA-256</li>
 * </ul>
 */
public final class DeliveryWire {
    public static final String PREPARE = "delivery.prepare";
    public static final String START = "delivery.start";
    public static final String STATUS = "delivery.status";
    public static final String CANCEL = "delivery.cancel";
    public static final String RELEASE = "delivery.release";
    public static final String COPY_STREAM = "delivery.copy";

    public static final String JOB = "job";
    public static final String LOG_FROM = "logFrom";
    /** Log lines one status answer carries at most. */
    public static final int MAX_LOG_LINES = 500;
    /** Characters of one log line at most (longer ones are cut by the agent). */
    public static final int MAX_LOG_LINE = 2000;
    /** Where the agent puts payloads copied over the channel: {@code <dir>/<job>/}. */
    public static final String COPY_ROOT = "/var/lib/deskplane/delivery";

    private DeliveryWire() {
    }

    public static WireMessage job(GuestJob job) {
        return new WireMessage().put(JOB, job.jobId()).put("label", job.volumeLabel())
                .put("manifest", new String(job.manifest().toBytes(), StandardCharsets.UTF_8));
    }

    public static GuestJob job(WireMessage m) throws WireException {
        try {
            PayloadManifest manifest = PayloadManifest.parse(m.str("manifest").getBytes(StandardCharsets.UTF_8));
            return new GuestJob(jobId(m), manifest, m.str("label", null));
        } catch (ManifestException e) {
            throw new WireException("manifest: " + e.getMessage());
        }
    }

    public static WireMessage start(GuestJob job, MediaLocation where) {
        return job(job).put("location.kind", where.kind().name()).put("location", where.value());
    }

    public static MediaLocation location(WireMessage m) throws WireException {
        try {
            return new MediaLocation(MediaLocation.Kind.valueOf(m.str("location.kind")), m.str("location"));
        } catch (IllegalArgumentException e) {
            throw new WireException("unknown location kind");
        }
    }

    /** The job id, checked: it names a folder in the guest, so only a safe alphabet is allowed. */
    public static String jobId(WireMessage m) throws WireException {
        String id = m.str(JOB);
        if (!id.matches("[A-Za-z0-9._-]{1,100}") || id.startsWith(".")) {
            throw new WireException("bad job id");
        }
        return id;
    }

    public static WireMessage status(GuestStatus s) {
        WireMessage m = new WireMessage().put("state", s.state().name()).put("progress", s.progress())
                .put("message", s.message()).put("exitCode", s.exitCode()).put("nextLog", s.nextLog())
                .put("log.count", s.log().size());
        for (int i = 0; i < s.log().size(); i++) {
            m.put("log." + i, s.log().get(i));
        }
        return m;
    }

    public static GuestStatus status(WireMessage m) throws WireException {
        GuestState state;
        try {
            state = GuestState.valueOf(m.str("state"));
        } catch (IllegalArgumentException e) {
            throw new WireException("unknown guest state");
        }
        int n = m.count("log.count", MAX_LOG_LINES);
        List<String> log = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            log.add(m.str("log." + i));
        }
        long progress = m.num("progress");
        Integer exit = m.has("exitCode") ? (int) m.num("exitCode") : null;
        return new GuestStatus(state, (int) Math.max(0, Math.min(100, progress)), m.str("message", ""), exit, log,
                (int) m.num("nextLog"));
    }

    /** The header of one copied file: job, payload-relative path, size, SHA-256. */
    public static WireMessage copyHeader(String jobId, String path, long size, String sha256) {
        return new WireMessage().put(JOB, jobId).put("path", path).put("size", size).put("sha256", sha256);
    }
}
