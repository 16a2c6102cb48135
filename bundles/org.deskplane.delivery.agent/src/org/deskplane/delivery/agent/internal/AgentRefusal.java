package org.deskplane.delivery.agent.internal;

/**
 * A request this guest will not do; the message goes back to the host as the handler's error. Messages starting with
 * {@code invalid:} mean the request itself was bad (the host does not retry those).
 */
final class AgentRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    AgentRefusal(String message) {
        super(message);
    }

    static AgentRefusal invalid(String what) {
        return new AgentRefusal("invalid: " + what);
    }
}
