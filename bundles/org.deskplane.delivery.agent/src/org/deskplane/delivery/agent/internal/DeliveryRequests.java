package org.deskplane.delivery.agent.internal;

import org.deskplane.delivery.spi.GuestJob;
import org.deskplane.delivery.wire.DeliveryWire;
import org.deskplane.delivery.wire.WireException;
import org.deskplane.delivery.wire.WireMessage;

/**
 * Decodes the host's {@code delivery.*} requests, calls the agent and encodes the answer. A body that cannot be read
 * is refused with a message starting {@code invalid:}. The status answer carries one key beyond
 * {@link DeliveryWire#status}: {@value #COPY_PRESENT}, whether the job's copied folder exists (channel-copy asks).
 */
final class DeliveryRequests {
    static final String COPY_PRESENT = "copy.present";
    private static final byte[] OK = new WireMessage().put("result", "ok").toBytes();
    private final DeliveryAgent agent;

    DeliveryRequests(DeliveryAgent agent) {
        this.agent = agent;
    }

    byte[] answer(String type, byte[] body) throws AgentRefusal {
        try {
            WireMessage m = WireMessage.parse(body);
            switch (type) {
                case DeliveryWire.PREPARE -> agent.prepare(DeliveryWire.job(m));
                case DeliveryWire.START -> {
                    GuestJob job = DeliveryWire.job(m);
                    agent.start(job, DeliveryWire.location(m));
                }
                case DeliveryWire.STATUS -> {
                    String job = DeliveryWire.jobId(m);
                    long from = m.has(DeliveryWire.LOG_FROM) ? m.num(DeliveryWire.LOG_FROM) : 0;
                    if (from < 0 || from > Integer.MAX_VALUE) {
                        throw new WireException("'" + DeliveryWire.LOG_FROM + "' out of range: " + from);
                    }
                    return DeliveryWire.status(agent.status(job, (int) from)).put(COPY_PRESENT, agent.hasCopy(job))
                            .toBytes();
                }
                case DeliveryWire.CANCEL -> agent.cancel(DeliveryWire.jobId(m));
                case DeliveryWire.RELEASE -> agent.release(DeliveryWire.jobId(m));
                default -> throw new WireException("unknown message type " + type);
            }
            return OK.clone();
        } catch (WireException | IllegalArgumentException e) {
            throw AgentRefusal.invalid(e.getMessage());
        }
    }
}
