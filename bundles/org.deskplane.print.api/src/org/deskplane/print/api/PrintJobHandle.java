package org.deskplane.print.api;

import java.util.Objects;

/**
 * A job a driver accepted. A plain value, so a spool can store it and use it again after a restart.
 *
 * @param driver the driver's id
 * @param printerId the printer
 * @param jobId the backend's id of the job (a CUPS job-id, a file name)
 * @param idempotencyKey the key of the request that created it
 */
public record PrintJobHandle(String driver, String printerId, String jobId, String idempotencyKey) {

    public PrintJobHandle {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(printerId, "printerId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
