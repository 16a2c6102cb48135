package org.deskplane.delivery.qga.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.api.PayloadFile;
import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.spi.AttachContext;
import org.deskplane.delivery.spi.Attachment;
import org.deskplane.delivery.spi.DeliveryMethod;
import org.deskplane.delivery.spi.MediaLocation;
import org.deskplane.delivery.spi.VmTarget;
import org.deskplane.hypervisor.api.VmState;
import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestAgentException;
import org.deskplane.qga.api.GuestExecResult;
import org.deskplane.qga.hypervisor.VmGuestAgents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Delivers a payload by writing its files into the guest through QEMU's guest agent (guest-file-open/write, in
 * chunks) and checking them there with {@code sha256sum -c}. For guests without a CD-ROM drive or our agent; slow for
 * large payloads (base64 over the agent's channel).
 */
@Component(service = DeliveryMethod.class, configurationPid = QgaGuestProcessor.PID,
        property = DeliveryMethod.NAME_PROPERTY + "=" + QgaCopyMethod.NAME)
@Designate(ocd = QgaDeliveryConfig.class)
public final class QgaCopyMethod implements DeliveryMethod {

    static final String NAME = "qga-copy";
    static final String FILES_HANDLE = "filesDir";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final int CHUNK = 1 << 20;

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile VmGuestAgents agents;

    private volatile GuestCalls calls;
    private volatile GuestPaths paths;

    public QgaCopyMethod() {
        this.calls = GuestCalls.through(() -> agents);
    }

    /** For tests: a guest agent reached another way than through the hypervisor. */
    QgaCopyMethod(GuestAgentAccess access, GuestPaths paths) {
        this.calls = new GuestCalls(access);
        this.paths = paths;
    }

    @Activate
    @Modified
    void configure(QgaDeliveryConfig config) {
        this.paths = GuestPaths.of(config);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String unusableReason(VmTarget vm, boolean forNextStart) {
        if (forNextStart || vm.info().state() != VmState.RUNNING) {
            return "qga-copy writes into a running guest; " + vm.name() + " is " + vm.info().state();
        }
        if (!QgaGuestProcessor.hasAgentChannel(vm)) {
            return vm.name() + " has no QEMU guest agent channel";
        }
        return null;
    }

    @Override
    public Attachment attach(VmTarget vm, AttachContext context) throws DeliveryException {
        PayloadManifest manifest = context.payload().manifest();
        Path source = context.repository().contentDirectory(context.payload().ref());
        String jobDir = paths.jobDir(context.jobId());
        String filesDir = paths.filesDir(context.jobId());
        Attachment attachment = new Attachment(NAME, MediaLocation.directory(filesDir), Map.of(FILES_HANDLE, filesDir));
        try {
            calls.with(vm, CALL_TIMEOUT, "copy", client -> {
                makeFolders(client, jobDir, filesDir, manifest);
                List<String> paths = new ArrayList<>(manifest.files().stream().map(PayloadFile::path).toList());
                paths.add(PayloadManifest.FILE_NAME);
                for (String path : paths) {
                    copy(client, source.resolve(path), filesDir + "/" + path);
                }
                context.log().accept("qga-copy: " + manifest.files().size() + " files (" + manifest.totalSize() + " bytes) written to " + filesDir);
                verify(client, jobDir, filesDir, manifest);
                return null;
            });
            return attachment;
        } catch (DeliveryException e) {
            try {
                detach(vm, attachment); // nothing half-copied stays in the guest
            } catch (DeliveryException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static void makeFolders(GuestAgentClient client, String jobDir, String filesDir, PayloadManifest manifest)
            throws GuestAgentException, DeliveryException {
        TreeSet<String> folders = new TreeSet<>();
        folders.add(filesDir);
        for (PayloadFile file : manifest.files()) {
            int slash = file.path().lastIndexOf('/');
            if (slash > 0) {
                folders.add(filesDir + "/" + file.path().substring(0, slash));
            }
        }
        List<String> args = new ArrayList<>(List.of(jobDir));
        args.addAll(folders);
        GuestExecResult made = GuestCalls.sh(client, CALL_TIMEOUT, "mkdir -p \"$1\" && chmod 700 \"$1\" && shift && mkdir -p \"$@\"",
                args.toArray(String[]::new));
        if (made.exitCode() != 0) {
            throw new DeliveryException(Reason.FAILED, "cannot create the payload folders in the guest: " + GuestCalls.output(made));
        }
    }

    /** Streams one file into the guest in bounded chunks (never the whole file in memory). */
    private static void copy(GuestAgentClient client, Path source, String target) throws GuestAgentException, DeliveryException {
        long handle = client.openFile(target, "wb");
        try (InputStream in = Files.newInputStream(source)) {
            for (byte[] chunk; (chunk = in.readNBytes(CHUNK)).length > 0;) {
                client.writeFile(handle, chunk);
            }
        } catch (IOException e) {
            throw new DeliveryException(Reason.TRANSIENT, "cannot read " + source + ": " + e.getMessage(), e);
        } finally {
            client.closeFile(handle);
        }
    }

    private static void verify(GuestAgentClient client, String jobDir, String filesDir, PayloadManifest manifest)
            throws GuestAgentException, DeliveryException {
        String list = jobDir + "/copy.sha256";
        client.writeFile(list, GuestCalls.utf8(Checksums.of(manifest)));
        GuestExecResult check = GuestCalls.sh(client, CALL_TIMEOUT, "cd \"$1\" && sha256sum -c --quiet \"$2\"", filesDir, list);
        if (check.exitCode() != 0) {
            // a copy that arrived damaged is worth another try
            throw new DeliveryException(Reason.TRANSIENT, "the copied files do not match their SHA-256 in the guest: " + GuestCalls.output(check));
        }
    }

    @Override
    public void detach(VmTarget vm, Attachment attachment) throws DeliveryException {
        String filesDir = attachment.handle().get(FILES_HANDLE);
        if (!paths.isJobFiles(filesDir)) {
            throw new DeliveryException(Reason.INVALID, "not a qga-copy folder, not removed: " + filesDir);
        }
        if (vm.info().state() != VmState.RUNNING) {
            return; // a stopped or vanished guest cannot be reached; nothing of the payload can be read there either
        }
        calls.with(vm, CALL_TIMEOUT, "remove the copied files", client -> {
            String jobDir = filesDir.substring(0, filesDir.length() - "/files".length());
            GuestExecResult removed = GuestCalls.sh(client, CALL_TIMEOUT, "rm -rf -- \"$1\" \"$2/copy.sha256\"", filesDir, jobDir);
            if (removed.exitCode() != 0) {
                throw new DeliveryException(Reason.TRANSIENT, "cannot remove " + filesDir + " in the guest: " + GuestCalls.output(removed));
            }
            return null;
        });
    }

    @Override
    public boolean isAttached(VmTarget vm, Attachment attachment) throws DeliveryException {
        String filesDir = attachment.handle().get(FILES_HANDLE);
        if (!paths.isJobFiles(filesDir) || vm.info().state() != VmState.RUNNING) {
            return false;
        }
        return calls.with(vm, CALL_TIMEOUT, "check the copied files",
                client -> GuestCalls.sh(client, CALL_TIMEOUT, "[ -d \"$1\" ]", filesDir).exitCode() == 0);
    }
}
