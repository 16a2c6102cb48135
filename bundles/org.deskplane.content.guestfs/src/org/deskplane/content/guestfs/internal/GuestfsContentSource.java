package org.deskplane.content.guestfs.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentException.Reason;
import org.deskplane.content.api.ContentLocation;
import org.deskplane.content.api.ContentSource;
import org.deskplane.content.api.ContentView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The "guestfs" content backend: a disk image read inside a libguestfs helper VM, one {@code guestfish} process
 * per opened view, read-only. Used for file systems the in-process readers lack (the disk backend delegates
 * here); slow to open (it boots a small VM) but reads whatever the Linux kernel can mount.
 */
@Component(property = ContentSource.BACKEND_PROPERTY + "=guestfs", configurationPid = "org.deskplane.content.guestfs")
@Designate(ocd = GuestfsConfiguration.class)
public final class GuestfsContentSource implements ContentSource {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(GuestfsContentSource.class.getName());

    /** Set once a helper VM failed to start with the default accelerator: later ones use TCG straight away. */
    private volatile boolean kvmFailed;

    private volatile GuestfsConfiguration configuration;

    @Activate
    @Modified
    void configure(GuestfsConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public ContentView open(ContentLocation location) throws IOException {
        GuestfsConfiguration config = configuration;
        Path image = Path.of(location.require("image"));
        if (!Files.isRegularFile(image)) {
            throw new ContentException(Reason.UNAVAILABLE, location.sourceId() + ": its disk image " + image
                    + " is not there");
        }
        Path guestfish = locate(config.guestfish()).orElseThrow(() -> new ContentException(Reason.UNAVAILABLE,
                "libguestfs is not installed here (no '" + config.guestfish() + "' on PATH): install libguestfs-tools"
                        + " to read " + location.sourceId()));
        List<String> command = new ArrayList<>(List.of(guestfish.toString(), "--ro"));
        String format = location.attributes().getOrDefault("format", "");
        if (!format.isBlank()) {
            if (!format.matches("[a-z0-9]{1,16}")) {
                throw new ContentException(Reason.INVALID, location.sourceId() + ": odd image format '" + format + "'");
            }
            command.add("--format=" + format);
        }
        command.addAll(List.of("-a", image.toAbsolutePath().toString()));
        boolean settingsGiven = !config.backendSettings().isBlank() || System.getenv("LIBGUESTFS_BACKEND_SETTINGS") != null;
        GuestfsLimits limits = new GuestfsLimits(Duration.ofSeconds(config.launchTimeoutSeconds()),
                Duration.ofSeconds(config.commandTimeoutSeconds()), config.maxEntries(), 64 << 20, 256,
                Math.max(4096, Math.min(2 << 20, config.readChunkBytes())));
        try {
            return openView(command, environment(config, !settingsGiven && kvmFailed), limits, location, image);
        } catch (HelperVmDidNotStart e) {
            if (settingsGiven || kvmFailed) {
                throw e.reason;
            }
            // KVM that is present but does not work (seen on nested hosts) aborts the helper VM: fall back to TCG,
            // and keep to it for this server's lifetime
            LOG.warning("the libguestfs helper VM did not start with the default accelerator; using TCG from now on: "
                    + e.reason.getMessage());
            kvmFailed = true;
            try {
                return openView(command, environment(config, true), limits, location, image);
            } catch (HelperVmDidNotStart again) {
                throw again.reason;
            }
        }
    }

    /** The helper VM's launch failed (not the image): the caller may try another accelerator. */
    private static final class HelperVmDidNotStart extends Exception {
        private static final long serialVersionUID = 1L;
        final ContentException reason;

        HelperVmDidNotStart(ContentException reason) {
            super(reason.getMessage(), reason, false, false);
            this.reason = reason;
        }
    }

    private static Map<String, String> environment(GuestfsConfiguration config, boolean forceTcg) {
        Map<String, String> environment = new HashMap<>();
        environment.put("LIBGUESTFS_BACKEND", config.backend());
        if (!config.backendSettings().isBlank()) {
            environment.put("LIBGUESTFS_BACKEND_SETTINGS", config.backendSettings());
        } else if (forceTcg) {
            environment.put("LIBGUESTFS_BACKEND_SETTINGS", "force_tcg");
        }
        return environment;
    }

    private static ContentView openView(List<String> command, Map<String, String> environment, GuestfsLimits limits,
            ContentLocation location, Path image) throws IOException, HelperVmDidNotStart {
        GuestfishSession session = GuestfishSession.start(command, environment);
        try {
            GuestMounter mounter = new GuestMounter(session, limits);
            try {
                mounter.launch(location.sourceId());
            } catch (ContentException e) {
                throw new HelperVmDidNotStart(e);
            }
            List<String> volumes = mounter.mountAll(location.sourceId());
            String note = "read through libguestfs";
            if (Boolean.parseBoolean(location.attributes().getOrDefault("live", "false"))) {
                note += "; point-in-time view of a running desktop's disk: may be stale";
            }
            return new GuestfsView(session, volumes, limits, image.toString(),
                    Files.getLastModifiedTime(image).toInstant(), note);
        } catch (IOException | RuntimeException | HelperVmDidNotStart e) {
            session.close();
            throw e;
        }
    }

    /** An absolute program path, or the first executable of that name on PATH. */
    private static Optional<Path> locate(String program) {
        if (program.contains("/")) {
            Path path = Path.of(program);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
