package org.deskplane.qga.hypervisor.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.HypervisorException;

/**
 * A {@link HypervisorConnection} that only has an id and an agent channel: {@code guestAgentCommand} hands each
 * call to {@link Agent} and records it; every other operation is unsupported (the transport must not need one).
 * A dynamic proxy, because the interface has some twenty abstract methods this test does not care about.
 */
final class FakeConnection {

    /** What the fake agent channel answers, or throws. */
    @FunctionalInterface
    interface Agent {
        String answer(String uuid, String commandJson, Duration timeout) throws HypervisorException;
    }

    /** One guestAgentCommand call as the transport made it. */
    record Call(String uuid, String commandJson, Duration timeout) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final HypervisorConnection connection;

    FakeConnection(String id, Agent agent) {
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "id" -> id;
            case "guestAgentCommand" -> {
                Call call = new Call((String) args[0], (String) args[1], (Duration) args[2]);
                calls.add(call);
                yield agent.answer(call.uuid(), call.commandJson(), call.timeout());
            }
            case "toString" -> "fake connection " + id;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(describe(method));
        };
        connection = (HypervisorConnection) Proxy.newProxyInstance(FakeConnection.class.getClassLoader(),
                new Class<?>[] { HypervisorConnection.class }, handler);
    }

    private static String describe(Method method) {
        return "the fake connection has no " + method.getName();
    }
}
