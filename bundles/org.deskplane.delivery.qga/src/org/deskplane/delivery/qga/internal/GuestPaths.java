package org.deskplane.delivery.qga.internal;

import java.util.regex.Pattern;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;

/** Where a job's files are in the guest: {@code <state>/<job>/} (runner, status, log, files/) and {@code <mount>/<job>}. */
record GuestPaths(String stateRoot, String mountRoot) {

    static final String DEFAULT_STATE = "/var/lib/deskplane/delivery";
    static final String DEFAULT_MOUNT = "/run/deskplane/delivery";
    /** Job ids become guest folder names: no separators, no leading dot. */
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    GuestPaths {
        stateRoot = absolute(stateRoot);
        mountRoot = absolute(mountRoot);
    }

    static GuestPaths of(QgaDeliveryConfig config) {
        return new GuestPaths(config.stateDirectory(), config.mountDirectory());
    }

    private static String absolute(String path) {
        if (path == null || !path.startsWith("/") || path.contains("/../") || path.endsWith("/..") || path.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("guest folder must be an absolute plain path: " + path);
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static String checkJob(String jobId) throws DeliveryException {
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
            throw new DeliveryException(Reason.INVALID, "job id unfit for a guest folder name: " + jobId);
        }
        return jobId;
    }

    String jobDir(String jobId) throws DeliveryException {
        return stateRoot + "/" + checkJob(jobId);
    }

    String filesDir(String jobId) throws DeliveryException {
        return jobDir(jobId) + "/files";
    }

    String mountPoint(String jobId) throws DeliveryException {
        return mountRoot + "/" + checkJob(jobId);
    }

    /** Whether {@code path} (from a persisted attachment) is a job's folder of ours: only those are ever removed. */
    boolean isJobFiles(String path) {
        if (path == null || !path.startsWith(stateRoot + "/") || !path.endsWith("/files")) {
            return false;
        }
        String job = path.substring(stateRoot.length() + 1, path.length() - "/files".length());
        return JOB_ID.matcher(job).matches();
    }
}
