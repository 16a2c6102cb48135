package org.deskplane.delivery.qga.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.spi.VmTarget;
import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestAgentCommandNotFoundException;
import org.deskplane.qga.api.GuestAgentConnectionException;
import org.deskplane.qga.api.GuestAgentException;
import org.deskplane.qga.api.GuestAgentTimeoutException;
import org.deskplane.qga.api.GuestExecRequest;
import org.deskplane.qga.api.GuestExecResult;

/** One guest agent session per delivery call, with the agent's failures turned into the delivery's reasons. */
final class GuestCalls {

    @FunctionalInterface
    interface Work<T> {
        T run(GuestAgentClient client) throws GuestAgentException, DeliveryException;
    }

    private final GuestAgentAccess access;

    /**
     * Calls through the hypervisor's guest agent channel; {@code agents} is read at each call, because the components
     * hold that service as a dynamic reference.
     */
    static GuestCalls through(java.util.function.Supplier<org.deskplane.qga.hypervisor.VmGuestAgents> agents) {
        return new GuestCalls((vm, timeout) -> agents.get().open(vm.id(),
                org.deskplane.qga.api.GuestAgentOptions.DEFAULTS.withCallTimeout(timeout)));
    }

    GuestCalls(GuestAgentAccess access) {
        this.access = access;
    }

    <T> T with(VmTarget vm, Duration timeout, String what, Work<T> work) throws DeliveryException {
        try (GuestAgentClient client = access.open(vm, timeout)) {
            return work.run(client);
        } catch (GuestAgentConnectionException | GuestAgentTimeoutException e) {
            throw new DeliveryException(Reason.AGENT_UNAVAILABLE, "the QEMU guest agent of " + vm.name() + " does not answer (" + what
                    + "): " + e.getMessage(), e);
        } catch (GuestAgentCommandNotFoundException e) {
            throw new DeliveryException(Reason.NOT_SUPPORTED, "the QEMU guest agent of " + vm.name() + " does not allow " + e.command()
                    + " (" + what + ")", e);
        } catch (GuestAgentException e) {
            throw new DeliveryException(Reason.TRANSIENT, "the QEMU guest agent of " + vm.name() + " failed (" + what + "): "
                    + e.getMessage(), e);
        }
    }

    /** Runs {@code /bin/sh -c script sh args...}: values travel as positional parameters, never inside the script text. */
    static GuestExecResult sh(GuestAgentClient client, Duration timeout, String script, String... args) throws GuestAgentException {
        List<String> argv = new ArrayList<>(List.of("-c", script, "sh"));
        argv.addAll(List.of(args));
        return client.exec(new GuestExecRequest("/bin/sh", argv, List.of(), null, timeout, 1 << 20));
    }

    static String output(GuestExecResult result) {
        String out = (result.stdoutText() + result.stderrText()).strip();
        return out.length() > 2000 ? out.substring(0, 2000) + "…" : out;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
