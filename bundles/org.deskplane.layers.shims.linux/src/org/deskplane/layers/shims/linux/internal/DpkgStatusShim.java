package org.deskplane.layers.shims.linux.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.deskplane.layers.spi.LayerShim;
import org.deskplane.layers.spi.ShimContext;
import org.deskplane.layers.spi.ShimHook;
import org.osgi.service.component.annotations.Component;

/**
 * Before a pivot: the staged dpkg status gets the packages installed only on this device (drivers, VM tools), with
 * their {@code var/lib/dpkg/info} files, so dpkg still knows them after the new base is in place.
 */
@Component(service = LayerShim.class)
public final class DpkgStatusShim implements LayerShim {

    static final String STATUS = "var/lib/dpkg/status";
    static final String INFO = "var/lib/dpkg/info";
    /** The CVD's own status as last pivoted in, to tell device-only packages from packages the CVD removed. */
    static final String PREVIOUS_CVD_STATUS = "var/lib/deskplane/shims/dpkg-status.cvd";

    @Override
    public String osFamily() {
        return "linux";
    }

    @Override
    public String name() {
        return "dpkg-status";
    }

    @Override
    public Set<ShimHook> hooks() {
        return Set.of(ShimHook.PRE_PIVOT);
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<String> exclusions() {
        return List.of(PREVIOUS_CVD_STATUS);
    }

    @Override
    public void run(ShimHook hook, ShimContext context) throws IOException {
        Path staged = context.staging().resolve(STATUS);
        Path local = context.root().resolve(STATUS);
        if (!TextFiles.isRegularFile(staged) || !TextFiles.isRegularFile(local)) {
            context.log("dpkg-status: nothing to merge (no staged or no local " + STATUS + ")");
            return;
        }
        String incomingText = TextFiles.read(staged, DpkgStatus.MAX_BYTES);
        DpkgStatus incoming = DpkgStatus.parse(incomingText);
        DpkgStatus localStatus = DpkgStatus.parse(TextFiles.read(local, DpkgStatus.MAX_BYTES));
        Path previousFile = context.root().resolve(PREVIOUS_CVD_STATUS);
        DpkgStatus previous = TextFiles.isRegularFile(previousFile)
                ? DpkgStatus.parse(TextFiles.read(previousFile, DpkgStatus.MAX_BYTES))
                : null;
        DpkgStatus merged = DpkgStatus.merge(incoming, localStatus, previous);
        List<DpkgStatus.Stanza> kept = merged.missingFrom(incoming);
        for (DpkgStatus.Stanza s : kept) {
            copyInfoFiles(context, s);
        }
        // The unmerged incoming status rides along with the pivot: next time it is the "previous" one.
        TextFiles.writeAtomically(context.staging().resolve(PREVIOUS_CVD_STATUS), incomingText,
                PosixFilePermissions.fromString("rw-r--r--"));
        TextFiles.writeAtomically(staged, merged.format(), PosixFilePermissions.fromString("rw-r--r--"));
        context.log("dpkg-status: kept " + kept.size() + " device package(s): "
                + kept.stream().map(DpkgStatus.Stanza::packageName).limit(20).toList());
    }

    /** dpkg's per-package files: {@code <name>.list}, {@code <name>:<arch>.md5sums}, maintainer scripts… */
    private static void copyInfoFiles(ShimContext context, DpkgStatus.Stanza s) throws IOException {
        Path localInfo = context.root().resolve(INFO);
        if (!Files.isDirectory(localInfo, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path stagedInfo = context.staging().resolve(INFO);
        try (Stream<Path> files = Files.list(localInfo)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                boolean belongs = name.startsWith(s.packageName() + ".") || name.startsWith(s.packageName() + ":");
                Path target = stagedInfo.resolve(name);
                if (belongs && TextFiles.isRegularFile(f) && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(stagedInfo);
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }
}
