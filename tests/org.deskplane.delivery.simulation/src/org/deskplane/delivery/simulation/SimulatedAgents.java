package org.deskplane.delivery.simulation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Guest agents simulated over Unix sockets, one listening socket per VM ({@code <dir>/<uuid>.sock}), so the engine
 * talks to a hundred independent peers the way it talks to guests: a request, an answer, over a socket that can be
 * absent or go away. Each VM has a {@link Behavior}. The line protocol: {@code prepare|start|status|cancel|release <job>}
 * → {@code ok}, or for status {@code <STATE> <progress> <exit|-> <log line>}.
 */
public final class SimulatedAgents implements AutoCloseable {

    public enum Behavior {
        /** Processes in a few polls and exits 0. */
        SUCCEED,
        /** Processes in a few polls and exits 3. */
        FAIL,
        /** Never finishes (until cancelled). */
        HANG
    }

    private final Path dir;
    private final Map<String, Behavior> behaviors = new ConcurrentHashMap<>();
    private final Map<String, ServerSocketChannel> servers = new ConcurrentHashMap<>();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    public final AtomicInteger processing = new AtomicInteger();
    public volatile int maxProcessing;
    public final Map<String, Integer> released = new ConcurrentHashMap<>();

    private static final class Job {
        final Behavior behavior;
        int polls;
        String state = "PREPARED";

        Job(Behavior behavior) {
            this.behavior = behavior;
        }
    }

    public SimulatedAgents(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** Agents come up by themselves, with this behaviour, for any VM a processor asks about (null: never). */
    private volatile Behavior onDemand;

    public void startOnDemand(Behavior behavior) {
        this.onDemand = behavior;
    }

    /** Whether a VM has an agent, starting one when agents come on demand. */
    public synchronized boolean present(String uuid) {
        if (Files.exists(socket(uuid))) {
            return true;
        }
        Behavior behavior = onDemand;
        if (behavior == null) {
            return false;
        }
        try {
            start(uuid, behavior);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public Path socket(String uuid) {
        return dir.resolve(uuid + ".sock");
    }

    public void start(String uuid, Behavior behavior) throws IOException {
        behaviors.put(uuid, behavior);
        Path path = socket(uuid);
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        servers.put(uuid, server);
        Thread.ofVirtual().name("sim-agent-" + uuid).start(() -> serve(uuid, server));
    }

    /** The agent goes away (its socket closes and disappears). */
    public void stop(String uuid) throws IOException {
        ServerSocketChannel server = servers.remove(uuid);
        if (server != null) {
            server.close();
        }
        Files.deleteIfExists(socket(uuid));
    }

    private void serve(String uuid, ServerSocketChannel server) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
                OutputStream out = Channels.newOutputStream(client);
                String line = in.readLine();
                if (line != null) {
                    out.write((answer(uuid, line) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                // closed, or the client went away
            }
        }
    }

    private synchronized String answer(String uuid, String line) {
        String[] words = line.split(" ", 2);
        String jobId = words.length > 1 ? words[1] : "";
        Job job = jobs.get(jobId);
        switch (words[0]) {
            case "prepare" -> {
                jobs.putIfAbsent(jobId, new Job(behaviors.get(uuid)));
                return "ok";
            }
            case "start" -> {
                if (job == null) {
                    return "error unknown job";
                }
                if (job.state.equals("PREPARED")) {
                    job.state = "RUNNING";
                    maxProcessing = Math.max(maxProcessing, processing.incrementAndGet());
                }
                return "ok";
            }
            case "status" -> {
                if (job == null) {
                    return "UNKNOWN 0 - no such job";
                }
                if (job.state.equals("RUNNING")) {
                    job.polls++;
                    if (job.behavior != Behavior.HANG && job.polls >= 3) {
                        job.state = job.behavior == Behavior.SUCCEED ? "SUCCEEDED" : "FAILED";
                        processing.decrementAndGet();
                    }
                }
                String exit = switch (job.state) {
                    case "SUCCEEDED" -> "0";
                    case "FAILED" -> "3";
                    default -> "-";
                };
                int progress = job.state.equals("RUNNING") ? Math.min(90, job.polls * 30) : 100;
                return job.state + " " + progress + " " + exit + " simulated step " + job.polls + " of " + uuid;
            }
            case "cancel" -> {
                if (job != null && job.state.equals("RUNNING")) {
                    job.state = "CANCELLED";
                    processing.decrementAndGet();
                }
                return "ok";
            }
            case "release" -> {
                jobs.remove(jobId);
                released.merge(uuid, 1, Integer::sum);
                return "ok";
            }
            default -> {
                return "error unknown request";
            }
        }
    }

    public List<String> running() {
        return jobs.entrySet().stream().filter(e -> e.getValue().state.equals("RUNNING")).map(Map.Entry::getKey).toList();
    }

    @Override
    public void close() throws IOException {
        for (String uuid : List.copyOf(servers.keySet())) {
            stop(uuid);
        }
    }
}
