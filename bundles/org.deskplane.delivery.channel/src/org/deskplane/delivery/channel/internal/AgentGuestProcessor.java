package org.deskplane.delivery.channel.internal;

import java.time.Duration;

import org.deskplane.channel.api.HostChannel;
import org.deskplane.channel.api.ChannelException;
import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.spi.GuestJob;
import org.deskplane.delivery.spi.GuestProcessor;
import org.deskplane.delivery.spi.GuestStatus;
import org.deskplane.delivery.spi.MediaLocation;
import org.deskplane.delivery.spi.VmTarget;
import org.deskplane.delivery.wire.DeliveryWire;
import org.deskplane.delivery.wire.WireException;
import org.deskplane.delivery.wire.WireMessage;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The guest processor {@value #NAME}: the Deskplane agent in the guest, over its channel. */
@Component(service = GuestProcessor.class, property = GuestProcessor.NAME_PROPERTY + "=" + AgentGuestProcessor.NAME)
public final class AgentGuestProcessor implements GuestProcessor {
    private static final Duration NO_HANDLER_PAUSE = Duration.ofMillis(500);
    static final String NAME = "agent";
    static final int RANK = 100;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HostChannel channel;

    private final AgentLink link = new AgentLink(() -> channel);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return RANK;
    }

    @Override
    public boolean canReach(VmTarget vm) {
        return link.connected(vm.uuid()).isPresent();
    }

    @Override
    public void prepare(VmTarget vm, GuestJob job, Duration timeout) throws DeliveryException {
        // An agent that has just connected may still be starting its bundles: "no handler" for delivery is then a
        // matter of seconds, so ask again until the agent timeout rather than fail a VM that booted a moment ago.
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                link.ask(vm.uuid(), vm.name(), DeliveryWire.PREPARE, DeliveryWire.job(job), timeout);
                return;
            } catch (DeliveryException e) {
                boolean noHandler = e.getCause() instanceof ChannelException ce && ChannelException.NO_HANDLER.equals(ce.code());
                if (!noHandler || System.nanoTime() + NO_HANDLER_PAUSE.toNanos() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(NO_HANDLER_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException(DeliveryException.Reason.TRANSIENT, "interrupted while waiting for the agent", e);
            }
        }
    }

    @Override
    public void start(VmTarget vm, GuestJob job, MediaLocation where, Duration timeout) throws DeliveryException {
        link.ask(vm.uuid(), vm.name(), DeliveryWire.START, DeliveryWire.start(job, where), timeout);
    }

    @Override
    public GuestStatus status(VmTarget vm, String jobId, int logFrom, Duration timeout) throws DeliveryException {
        WireMessage answer = link.ask(vm.uuid(), vm.name(), DeliveryWire.STATUS,
                new WireMessage().put(DeliveryWire.JOB, jobId).put(DeliveryWire.LOG_FROM, Math.max(0, logFrom)), timeout);
        try {
            return DeliveryWire.status(answer);
        } catch (WireException e) {
            throw new DeliveryException(DeliveryException.Reason.FAILED, "the agent of VM "
                    + AgentLink.describe(vm.uuid(), vm.name()) + " sent an unreadable status: " + e.getMessage());
        }
    }

    @Override
    public void cancel(VmTarget vm, String jobId, Duration timeout) throws DeliveryException {
        link.ask(vm.uuid(), vm.name(), DeliveryWire.CANCEL, new WireMessage().put(DeliveryWire.JOB, jobId), timeout);
    }

    @Override
    public void release(VmTarget vm, String jobId, Duration timeout) throws DeliveryException {
        link.ask(vm.uuid(), vm.name(), DeliveryWire.RELEASE, new WireMessage().put(DeliveryWire.JOB, jobId), timeout);
    }
}
