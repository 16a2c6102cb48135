package org.deskplane.vmdiff.remote.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import org.deskplane.vmdiff.api.BaseImage;
import org.deskplane.vmdiff.api.DifferenceException;
import org.deskplane.vmdiff.api.DifferenceException.Kind;
import org.deskplane.vmdiff.api.DifferenceServer;
import org.deskplane.vmdiff.api.DifferenceSource;
import org.deskplane.vmdiff.api.Generation;
import org.deskplane.vmdiff.api.RunLease;
import org.deskplane.vmdiff.api.RunLeases;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The server as a host on another machine sees it: a {@link DifferenceServer} (service property
 * {@code vmdiff.server=remote}) over the server's {@code /api/vmdiff/wire} routes. One instance per factory
 * configuration. A server that cannot be reached fails calls quickly with {@link Kind#UNREACHABLE} (or an
 * IOException from the copy's reads), so a host goes on with its own copy as it does without a server.
 */
@Component(service = DifferenceServer.class, configurationPid = RemoteDifferenceServer.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = "vmdiff.server=remote")
@Designate(ocd = RemoteDifferenceServer.Config.class, factory = true)
public final class RemoteDifferenceServer implements DifferenceServer {
    static final String PID = "org.deskplane.vmdiff.remote";
    private static final Logger LOG = Logger.getLogger(RemoteDifferenceServer.class.getName());

    @ObjectClassDefinition(name = "Deskplane VM differences: a server reached over HTTP")
    public @interface Config {
        @AttributeDefinition(description = "The server's base URL, e.g. https://server.example:8443")
        String serverUrl();

        @AttributeDefinition(description = "The host's account on the server (role OPERATOR or above)")
        String username();

        @AttributeDefinition(description = "File holding the account's password (only the password, one line)")
        String passwordFile();

        @AttributeDefinition(description = "SHA-256 fingerprint of the server's TLS certificate; empty: the JVM's trust store decides")
        String fingerprint() default "";

        @AttributeDefinition(description = "Seconds to wait for a connection")
        int connectTimeoutSeconds() default 5;

        @AttributeDefinition(description = "Seconds one call (answer included) may take")
        int callTimeoutSeconds() default 60;

        @AttributeDefinition(description = "KiB of clusters or memory blocks sent per upload request")
        int uploadBatchKiB() default 8192;

        @AttributeDefinition(description = "Most clusters read ahead in one request while pulling")
        int readAheadClusters() default 64;
    }

    private WireClient wire;
    private RemoteSource copy;
    private RemoteLeases leases;
    private Pusher pusher;
    private final Map<String, PushReport> lastPushes = new ConcurrentHashMap<>();

    @Activate
    void activate(Config config) throws IOException, GeneralSecurityException {
        char[] password = Files.readString(Path.of(config.passwordFile()), StandardCharsets.UTF_8).strip().toCharArray();
        wire = new WireClient(URI.create(config.serverUrl()), config.username(), password, config.fingerprint(),
                Duration.ofSeconds(Math.max(1, config.connectTimeoutSeconds())), Duration.ofSeconds(Math.max(1, config.callTimeoutSeconds())));
        copy = new RemoteSource(wire, config.readAheadClusters());
        leases = new RemoteLeases(wire);
        pusher = new Pusher(wire, copy, Math.max(1, config.uploadBatchKiB()) * 1024L);
        LOG.info("VM differences: server " + config.serverUrl() + " reached over HTTP as " + config.username());
    }

    @Override
    public DifferenceSource copy() {
        return copy;
    }

    @Override
    public RunLeases leases() {
        return leases;
    }

    /** Bases are installed on the server itself (they are large and come from an administrator, not a host). */
    @Override
    public String installBase(Path image, String format, String expectedSha256) throws DifferenceException {
        throw new DifferenceException(Kind.INVALID, "base images are installed on the server itself, not through a host ("
                + wire.server() + ")");
    }

    @Override
    public List<BaseImage> bases() throws IOException {
        JsonNode list = WireClient.json(wire.get(WireResource.BASE + "/bases", 16 << 20));
        List<BaseImage> bases = new ArrayList<>();
        for (JsonNode b : list) {
            try {
                bases.add(new BaseImage(Params.sha256(WireFormat.text(b, "sha256"), "a base image's name"),
                        WireFormat.text(b, "format"), WireFormat.number(b, "size")));
            } catch (RuntimeException e) {
                throw new IOException("the server listed a malformed base image: " + e.getMessage(), e);
            }
        }
        return bases;
    }

    @Override
    public List<byte[]> baseBlocks(String sha256) throws IOException {
        long maxBlocks = 1L << 20; // 4 PiB of base image
        return WireFormat.hashes(wire.get(WireResource.BASE + "/bases/" + WireClient.segment(sha256) + "/blocks",
                maxBlocks * WireFormat.HASH).body(), maxBlocks);
    }

    @Override
    public void readBase(String sha256, long offset, ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return;
        }
        long last = offset + dst.remaining() - 1;
        WireClient.Answer answer = wire.get(WireResource.BASE + "/bases/" + WireClient.segment(sha256),
                Map.of("Range", "bytes=" + offset + "-" + last), dst.remaining());
        if (answer.status() != 206 && offset != 0) {
            throw new IOException("the server ignored the range " + offset + "-" + last + " of base image " + sha256);
        }
        dst.put(answer.body());
    }

    @Override
    public Generation accept(DifferenceSource host, RunLease lease) throws DifferenceException {
        Pusher.Pushed pushed = pusher.push(host, lease);
        lastPushes.put(lease.vm(), pushed.report());
        LOG.info("pushed " + pushed.report());
        return pushed.generation();
    }

    /** What the last push of the VM from this host sent. */
    Optional<PushReport> lastPush(String vm) {
        return Optional.ofNullable(lastPushes.get(vm));
    }
}
