package org.deskplane.delivery.simulation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.spi.GuestJob;
import org.deskplane.delivery.spi.GuestProcessor;
import org.deskplane.delivery.spi.GuestState;
import org.deskplane.delivery.spi.GuestStatus;
import org.deskplane.delivery.spi.MediaLocation;
import org.deskplane.delivery.spi.VmTarget;

/** The engine's side of {@link SimulatedAgents}: one Unix socket connection per call. */
public final class SimulatedAgentProcessor implements GuestProcessor {
    public static final String NAME = "sim-agent";
    private final SimulatedAgents agents;

    public SimulatedAgentProcessor(SimulatedAgents agents) {
        this.agents = agents;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 50;
    }

    @Override
    public boolean canReach(VmTarget vm) {
        return agents.present(vm.uuid());
    }

    @Override
    public void prepare(VmTarget vm, GuestJob job, Duration timeout) throws DeliveryException {
        ok(call(vm, "prepare " + job.jobId()));
    }

    @Override
    public void start(VmTarget vm, GuestJob job, MediaLocation where, Duration timeout) throws DeliveryException {
        ok(call(vm, "start " + job.jobId()));
    }

    @Override
    public GuestStatus status(VmTarget vm, String jobId, int logFrom, Duration timeout) throws DeliveryException {
        String[] w = call(vm, "status " + jobId).split(" ", 4);
        Integer exit = w[2].equals("-") ? null : Integer.valueOf(w[2]);
        GuestState state = GuestState.valueOf(w[0]);
        return new GuestStatus(state, Integer.parseInt(w[1]), state == GuestState.FAILED ? "script failed" : "",
                exit, List.of(w[3]), logFrom + 1);
    }

    @Override
    public void cancel(VmTarget vm, String jobId, Duration timeout) throws DeliveryException {
        ok(call(vm, "cancel " + jobId));
    }

    @Override
    public void release(VmTarget vm, String jobId, Duration timeout) throws DeliveryException {
        ok(call(vm, "release " + jobId));
    }

    private static void ok(String answer) throws DeliveryException {
        if (!answer.equals("ok")) {
            throw new DeliveryException(Reason.FAILED, "simulated agent: " + answer);
        }
    }

    private String call(VmTarget vm, String request) throws DeliveryException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(agents.socket(vm.uuid())));
            Channels.newOutputStream(channel).write((request + "\n").getBytes(StandardCharsets.UTF_8));
            String answer = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8)).readLine();
            if (answer == null) {
                throw new IOException("connection closed");
            }
            return answer;
        } catch (IOException e) {
            throw new DeliveryException(Reason.AGENT_UNAVAILABLE, "simulated agent of " + vm.name() + ": " + e.getMessage(), e);
        }
    }
}
