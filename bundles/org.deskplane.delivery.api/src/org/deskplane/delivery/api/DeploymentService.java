package org.deskplane.delivery.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs deployments (DeployUpdates): resolves the targets, then drives every item's state machine within the
 * concurrency limits, persisting each step so that a restarted server resumes every deployment where it was and
 * cleans up whatever a crash left attached.
 */
@ProviderType
public interface DeploymentService {

    /** Creates and starts a deployment; fails INVALID for unknown payloads or a selector matching no VM. */
    Deployment create(DeploymentRequest request, String user) throws DeliveryException;

    List<Deployment> list();

    Optional<Deployment> find(String id);

    /** Stops starting new items. */
    void pause(String id) throws DeliveryException;

    /** Starts items again (also after the failure threshold paused it). */
    void resume(String id) throws DeliveryException;

    /** Cancels the deployment: pending items become CANCELLED, running ones are stopped and cleaned. */
    void cancel(String id) throws DeliveryException;

    /** Cancels one VM's items. */
    void cancel(String id, String vmId) throws DeliveryException;

    /** Puts failed and timed-out items back to PENDING; returns how many. Resumes a paused deployment. */
    int retryFailed(String id) throws DeliveryException;

    /** One VM's log (engine steps and the guest's output), lines {@code from} to at most {@code from + max}. */
    List<String> log(String id, String vmId, int from, int max) throws DeliveryException;
}
