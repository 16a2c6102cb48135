package org.deskplane.delivery.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.delivery.api.DeliveryOptions;
import org.deskplane.delivery.api.DeploymentState;
import org.deskplane.delivery.api.PayloadRef;

/** A deployment as persisted (one JSON file each). Its monitor guards it and its items. */
public final class DeploymentRecord {
    public String id;
    public String name;
    public List<PayloadRef> payloads = new ArrayList<>();
    public DeliveryOptions options;
    public String createdBy;
    public Instant created;
    public DeploymentState state = DeploymentState.RUNNING;
    public String stateReason = "";
    /** Failed items when the deployment was last resumed: the failure threshold counts new failures only. */
    public int failureBase;
    public List<ItemRecord> items = new ArrayList<>();
}
