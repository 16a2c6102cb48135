package org.deskplane.delivery.ui.internal;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.deskplane.delivery.ui.internal.DeliveryRows.DeploymentRow;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the deployments (and the selected one's items) on a background system job, one read at a time: a tick that
 * comes while a read is still running is skipped, so a slow server is not piled up with requests. A failed poll goes
 * to the part's status line, not to a dialog (it would pop up every second or two).
 */
final class RolloutPoller {

    /** What one poll read: the list, and the selected deployment's detail (null when none is selected). */
    record Snapshot(List<DeploymentRow> deployments, JsonNode selected) {
    }

    private final AtomicBoolean reading = new AtomicBoolean();

    boolean read(DeliveryClient client, String selectedId, Consumer<Snapshot> onSnapshot,
            Consumer<RuntimeException> onFailure) {
        if (!reading.compareAndSet(false, true)) {
            return false;
        }
        Job job = Job.create("Read the deployments", (IProgressMonitor monitor) -> {
            try {
                List<DeploymentRow> list = client.deployments();
                boolean exists = selectedId != null && list.stream().anyMatch(d -> d.id().equals(selectedId));
                onSnapshot.accept(new Snapshot(list, exists ? client.deployment(selectedId) : null));
            } catch (RuntimeException e) {
                onFailure.accept(e);
            } finally {
                reading.set(false);
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
        return true;
    }
}
