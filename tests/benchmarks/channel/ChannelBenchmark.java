import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.deskplane.channel.api.ChannelStream;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.channel.api.StreamHandler;
import org.deskplane.channel.internal.agent.AgentEndpoint;
import org.deskplane.channel.internal.host.HostEndpoint;
import org.deskplane.channel.internal.host.SecretStore;
import org.deskplane.channel.internal.host.UnixSocketListener;
import org.deskplane.channel.internal.session.ChannelCore;
import org.deskplane.channel.internal.session.ChannelSettings;
import org.deskplane.channel.internal.session.HandlerRegistry;
import org.deskplane.channel.internal.transport.UnixSocketTransport;

/**
 * Channel benchmark (not a test): throughput of one stream and of 8 multiplexed streams over a Unix socket,
 * against a raw Unix-socket copy of the same bytes in the same run, and request round-trip latency.
 * Args: [MiB per run, default 1024] [runs, default 3] [round trips, default 20000]
 */
public final class ChannelBenchmark {

    static final int CHUNK = 64 << 10;

    public static void main(String[] args) throws Exception {
        long bytes = (args.length > 0 ? Long.parseLong(args[0]) : 1024) << 20;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int roundTrips = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "dpbench");

        HandlerRegistry hostHandlers = new HandlerRegistry();
        CountDownLatch[] done = new CountDownLatch[1];
        hostHandlers.addStreamHandler((StreamHandler) (stream, from) -> {
            InputStream in = stream.input();
            byte[] buf = new byte[CHUNK];
            while (in.read(buf) > 0) {
                // drain
            }
            done[0].countDown();
        }, Map.of(StreamHandler.STREAM_TYPE, "sink"));
        hostHandlers.addMessageHandler((MessageHandler) (r, f) -> CompletableFuture.completedFuture(r.body()),
                Map.of(MessageHandler.MESSAGE_TYPE, "echo"));
        SecretStore secrets = new SecretStore(dir.resolve("secrets"));
        HostEndpoint host = new HostEndpoint(new ChannelCore(ChannelSettings.defaults(), hostHandlers), secrets);
        Path socket = dir.resolve("host.sock");
        UnixSocketListener listener = new UnixSocketListener(host, socket);
        byte[] secret = host.provisionSecret("bench");
        AgentEndpoint agent = new AgentEndpoint(new ChannelCore(ChannelSettings.defaults(), new HandlerRegistry()), "bench",
                secret, "bench", List::of, () -> UnixSocketTransport.connect(socket)).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!agent.host().isConnected()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("agent did not connect");
            }
            Thread.sleep(10);
        }

        System.out.printf("payload per run: %d MiB, runs: %d, chunk %d KiB, stream window %d KiB, max frame %d KiB%n",
                bytes >> 20, runs, CHUNK >> 10, ChannelSettings.defaults().streamWindow() >> 10,
                ChannelSettings.defaults().maxFrame() >> 10);
        // warm-up
        raw(dir, bytes / 4);
        channel(agent, done, bytes / 4, 1);
        channel(agent, done, bytes / 4, 8);
        double[] rawMb = new double[runs], one = new double[runs], eight = new double[runs];
        for (int i = 0; i < runs; i++) {
            rawMb[i] = raw(dir, bytes);
            one[i] = channel(agent, done, bytes, 1);
            eight[i] = channel(agent, done, bytes, 8);
            System.out.printf("run %d: raw %.0f MB/s, channel 1 stream %.0f MB/s, channel 8 streams %.0f MB/s%n", i + 1,
                    rawMb[i], one[i], eight[i]);
        }
        double r = median(rawMb), o = median(one), e = median(eight);
        System.out.printf("median: raw unix socket %.0f MB/s | channel 1 stream %.0f MB/s (%.2f of raw) | "
                + "channel 8 streams %.0f MB/s aggregate (%.2f of raw) | target >= 500 MB/s%n", r, o, o / r, e, e / r);

        latency(agent, roundTrips / 4); // warm-up
        long[] ns = latency(agent, roundTrips);
        Arrays.sort(ns);
        System.out.printf("round trip (%d sequential 32-byte requests): p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us"
                + " | target p99 < 1000 us%n", roundTrips, ns[ns.length / 2] / 1e3, ns[(int) (ns.length * 0.99)] / 1e3,
                ns[(int) (ns.length * 0.999)] / 1e3, ns[ns.length - 1] / 1e3);
        agent.close();
        listener.close();
        host.close();
        System.exit(0);
    }

    /** The same bytes through a bare Unix socket: one writer, one reader, same chunk size. */
    static double raw(Path dir, long bytes) throws Exception {
        Path path = dir.resolve("raw.sock");
        Files.deleteIfExists(path);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel s = server.accept()) {
                    ByteBuffer buf = ByteBuffer.allocate(CHUNK);
                    long total = 0;
                    int n;
                    while ((n = s.read(buf.clear())) > 0) {
                        total += n;
                    }
                    return total;
                } catch (Exception ex) {
                    throw new RuntimeException(ex);
                }
            });
            long start = System.nanoTime();
            try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                c.connect(UnixDomainSocketAddress.of(path));
                byte[] data = new byte[CHUNK];
                for (long sent = 0; sent < bytes; sent += CHUNK) {
                    ByteBuffer b = ByteBuffer.wrap(data);
                    while (b.hasRemaining()) {
                        c.write(b);
                    }
                }
            }
            long got = reader.get(5, TimeUnit.MINUTES);
            return mbPerSecond(got, System.nanoTime() - start);
        }
    }

    static double channel(AgentEndpoint agent, CountDownLatch[] done, long bytes, int streams) throws Exception {
        done[0] = new CountDownLatch(streams);
        long perStream = bytes / streams;
        AtomicLong sent = new AtomicLong();
        Thread[] writers = new Thread[streams];
        long start = System.nanoTime();
        for (int s = 0; s < streams; s++) {
            ChannelStream stream = agent.host().openStream("sink");
            writers[s] = Thread.ofPlatform().start(() -> {
                try (OutputStream out = stream.output()) {
                    byte[] data = new byte[CHUNK];
                    for (long n = 0; n < perStream; n += CHUNK) {
                        out.write(data);
                        sent.addAndGet(CHUNK);
                    }
                } catch (Exception ex) {
                    throw new RuntimeException(ex);
                }
            });
        }
        for (Thread t : writers) {
            t.join();
        }
        if (!done[0].await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("receivers did not finish");
        }
        return mbPerSecond(sent.get(), System.nanoTime() - start);
    }

    static long[] latency(AgentEndpoint agent, int n) throws Exception {
        long[] ns = new long[n];
        byte[] body = new byte[32];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            agent.host().request("echo", body, Duration.ofSeconds(10)).toCompletableFuture().get();
            ns[i] = System.nanoTime() - t;
        }
        return ns;
    }

    static double mbPerSecond(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
