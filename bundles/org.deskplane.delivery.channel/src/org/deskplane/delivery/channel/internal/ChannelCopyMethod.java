package org.deskplane.delivery.channel.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.deskplane.channel.api.ChannelPeer;
import org.deskplane.channel.api.HostChannel;
import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.api.PayloadFile;
import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.spi.AttachContext;
import org.deskplane.delivery.spi.Attachment;
import org.deskplane.delivery.spi.DeliveryMethod;
import org.deskplane.delivery.spi.MediaLocation;
import org.deskplane.delivery.spi.VmTarget;
import org.deskplane.delivery.wire.DeliveryWire;
import org.deskplane.delivery.wire.WireMessage;
import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.VmState;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The delivery method {@value #NAME}: the payload's files streamed over the agent channel into
 * {@code <guestCopyRoot>/<job>/} in the guest, each checked there against its size and SHA-256. For guests whose
 * hypervisor cannot hot-plug a disc, or when the admin prefers it. Detach is the agent's release of the job, which
 * deletes the copy.
 */
@Component(service = DeliveryMethod.class, property = DeliveryMethod.NAME_PROPERTY + "=" + ChannelCopyMethod.NAME,
        configurationPid = ChannelCopyMethod.PID)
@Designate(ocd = ChannelCopyMethod.Config.class)
public final class ChannelCopyMethod implements DeliveryMethod {
    static final String NAME = "channel-copy";
    public static final String PID = "org.deskplane.delivery.channel.copy";
    static final String JOB_HANDLE = "job";
    private static final Logger LOG = Logger.getLogger(ChannelCopyMethod.class.getName());

    @ObjectClassDefinition(name = "Deskplane software delivery: copy over the agent channel")
    public @interface Config {
        @AttributeDefinition(description = "The folder the guest's agent copies payloads into (its copyRoot)")
        String guestCopyRoot() default DeliveryWire.COPY_ROOT;

        @AttributeDefinition(description = "Seconds every file may take at least")
        int fileTimeoutSeconds() default 60;

        @AttributeDefinition(description = "Slowest transfer rate accepted beyond that (bytes per second)")
        long minBytesPerSecond() default 1L << 20;

        @AttributeDefinition(description = "Seconds to wait for the agent's answers (release, status)")
        int requestTimeoutSeconds() default 60;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HostChannel channel;

    private final AgentLink link = new AgentLink(() -> channel);
    private ScheduledExecutorService watchdog;
    private FileSender sender;
    private Config config;

    @Activate
    void activate(Config c) {
        config = c;
        watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("delivery-copy-watchdog").factory());
        sender = new FileSender(watchdog);
    }

    @Deactivate
    void deactivate() {
        watchdog.shutdownNow();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String unusableReason(VmTarget vm, boolean forNextStart) {
        String who = AgentLink.describe(vm.uuid(), vm.name());
        if (forNextStart) {
            return "a copy over the agent channel needs the VM running with its agent connected";
        }
        if (vm.info().state() != VmState.RUNNING) {
            return "VM " + who + " is not running (" + vm.info().state() + ")";
        }
        if (channel == null) {
            return "the agent channel is not running on this server";
        }
        if (link.connected(vm.uuid()).isEmpty()) {
            return "the Deskplane agent of VM " + who + " is not connected";
        }
        return null;
    }

    @Override
    public Attachment attach(VmTarget vm, AttachContext context) throws DeliveryException {
        ChannelPeer peer = link.require(vm.uuid(), vm.name());
        String who = AgentLink.describe(vm.uuid(), vm.name());
        String job = context.jobId();
        Path content = context.repository().contentDirectory(context.payload().ref());
        PayloadManifest manifest = context.payload().manifest();
        try {
            for (PayloadFile f : manifest.files()) {
                Path file = content.resolve(PayloadManifest.checkRelative(f.path()));
                try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    sender.send(peer, who, job, f.path(), f.size(), f.sha256(), in, limit(f.size()));
                } catch (IOException e) {
                    throw new DeliveryException(Reason.FAILED, "payload file " + f.path() + " cannot be read from the repository: " + e.getMessage(), e);
                }
                context.log().accept("copied " + f.path() + " (" + f.size() + " bytes) to VM " + who);
            }
            if (manifest.file(PayloadManifest.FILE_NAME) == null) {
                byte[] bytes = manifestBytes(content, manifest);
                sender.send(peer, who, job, PayloadManifest.FILE_NAME, bytes.length, sha256(bytes),
                        new ByteArrayInputStream(bytes), limit(bytes.length));
            }
        } catch (DeliveryException | RuntimeException e) {
            // the engine only detaches what attach returned: a half copy is taken away here
            releaseQuietly(vm, job);
            throw e;
        }
        String dir = config.guestCopyRoot().replaceAll("/+$", "") + "/" + job;
        context.log().accept("payload copied over the agent channel to " + dir + " in VM " + who);
        return new Attachment(NAME, MediaLocation.directory(dir), Map.of(JOB_HANDLE, job));
    }

    /** The manifest file as the repository keeps it beside the files, or as the payload's manifest says. */
    private static byte[] manifestBytes(Path content, PayloadManifest manifest) {
        Path file = content.resolve(PayloadManifest.FILE_NAME);
        try {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) <= PayloadManifest.MAX_BYTES) {
                return Files.readAllBytes(file);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "manifest file unreadable, sending the payload's: " + e.getMessage());
        }
        return manifest.toBytes();
    }

    @Override
    public void detach(VmTarget vm, Attachment attachment) throws DeliveryException {
        String job = attachment.handle().get(JOB_HANDLE);
        if (job == null) {
            throw new DeliveryException(Reason.INVALID, "attachment of " + NAME + " lacks its job");
        }
        if (vmGone(vm)) {
            LOG.info("VM " + vm.id() + " no longer exists: nothing to release for job " + job);
            return;
        }
        try {
            link.ask(vm.uuid(), vm.name(), DeliveryWire.RELEASE, new WireMessage().put(DeliveryWire.JOB, job), requestTimeout());
        } catch (DeliveryException e) {
            if (e.reason() == Reason.AGENT_UNAVAILABLE) {
                throw new DeliveryException(Reason.TRANSIENT, e.getMessage() + "; the copy of job " + job
                        + " stays in the guest until the agent can release it", e);
            }
            throw e;
        }
    }

    @Override
    public boolean isAttached(VmTarget vm, Attachment attachment) throws DeliveryException {
        String job = attachment.handle().get(JOB_HANDLE);
        if (job == null || vmGone(vm)) {
            return false;
        }
        WireMessage status = link.ask(vm.uuid(), vm.name(), DeliveryWire.STATUS,
                new WireMessage().put(DeliveryWire.JOB, job).put(DeliveryWire.LOG_FROM, Integer.MAX_VALUE), requestTimeout());
        return Boolean.parseBoolean(status.str("copy.present", "false"));
    }

    private void releaseQuietly(VmTarget vm, String job) {
        try {
            link.ask(vm.uuid(), vm.name(), DeliveryWire.RELEASE, new WireMessage().put(DeliveryWire.JOB, job), requestTimeout());
        } catch (DeliveryException e) {
            LOG.log(Level.WARNING, "could not release the partial copy of job " + job + ": " + e.getMessage());
        }
    }

    /** Only a VM the hypervisor says does not exist counts as gone; a connection that does not answer does not. */
    private static boolean vmGone(VmTarget vm) {
        try {
            vm.connection().vm(vm.uuid());
            return false;
        } catch (HypervisorException e) {
            return e.kind() == HypervisorException.Kind.NOT_FOUND;
        }
    }

    private Duration limit(long bytes) {
        long perSecond = Math.max(1, config.minBytesPerSecond());
        return Duration.ofSeconds(Math.max(1, config.fileTimeoutSeconds()) + bytes / perSecond);
    }

    private Duration requestTimeout() {
        return Duration.ofSeconds(Math.max(1, config.requestTimeoutSeconds()));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
