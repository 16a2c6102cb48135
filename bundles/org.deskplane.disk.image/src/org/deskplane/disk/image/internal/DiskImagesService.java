package org.deskplane.disk.image.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;
import org.deskplane.disk.api.DiskImageFormat;
import org.deskplane.disk.api.DiskImages;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Opens images of any format that has a {@link DiskImageFormat} service: probes the first 4096 bytes (raw when no
 * format claims them) and follows backing chains through a {@link DiskImageFormat.BackingOpener} that bounds the
 * depth and refuses a chain that comes back to a file already in it (compared by real path).
 */
@Component(service = DiskImages.class)
public final class DiskImagesService implements DiskImages {

    /** Deeper chains are refused: real chains are a few layers; a long one is a mistake or an attack. */
    static final int MAX_CHAIN_DEPTH = 32;
    private static final int PROBE_BYTES = 4096;

    private final List<DiskImageFormat> formats = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeFormat")
    void addFormat(DiskImageFormat format) {
        formats.add(format);
    }

    void removeFormat(DiskImageFormat format) {
        formats.remove(format);
    }

    @Override
    public BlockDevice open(Path image) throws IOException {
        return open(image, null, List.of());
    }

    @Override
    public BlockDevice open(Path image, String format) throws IOException {
        return open(image, format, List.of());
    }

    @Override
    public String probe(Path image) throws IOException {
        return probeFormat(image).name();
    }

    /** Opens one layer; {@code chain} holds the real paths of the images above it, top first. */
    private BlockDevice open(Path image, String formatName, List<Path> chain) throws IOException {
        Path real = image.toRealPath();
        if (chain.contains(real)) {
            throw new DiskFormatException("backing chain loops: " + describeChain(chain, real));
        }
        if (chain.size() >= MAX_CHAIN_DEPTH) {
            throw new DiskFormatException("backing chain deeper than " + MAX_CHAIN_DEPTH + " images: "
                    + describeChain(chain, real));
        }
        DiskImageFormat format = formatName == null ? probeFormat(real) : named(formatName, real);
        List<Path> below = new ArrayList<>(chain);
        below.add(real);
        List<Path> path = List.copyOf(below);
        return format.open(real, (backing, hint) -> open(backing, hint, path));
    }

    private static String describeChain(List<Path> chain, Path next) {
        return chain.stream().map(Path::toString).collect(Collectors.joining(" → ")) + " → " + next;
    }

    private DiskImageFormat named(String name, Path image) throws DiskFormatException {
        for (DiskImageFormat format : formats) {
            if (format.name().equals(name)) {
                return format;
            }
        }
        if (RawFormat.NAME.equals(name)) {
            return new RawFormat();
        }
        throw new DiskFormatException(image + ": no reader for image format '" + name + "' (known: "
                + formats.stream().map(DiskImageFormat::name).sorted().collect(Collectors.joining(", ")) + ")");
    }

    private DiskImageFormat probeFormat(Path image) throws IOException {
        long size = Files.size(image);
        byte[] header;
        try (InputStream in = Files.newInputStream(image)) {
            header = in.readNBytes(PROBE_BYTES);
        }
        // sorted so that the answer does not depend on the order services came up in
        List<DiskImageFormat> candidates = new ArrayList<>(formats);
        candidates.sort(Comparator.comparing(DiskImageFormat::name));
        for (DiskImageFormat format : candidates) {
            if (!RawFormat.NAME.equals(format.name()) && format.probe(header.clone(), size)) {
                return format;
            }
        }
        return named(RawFormat.NAME, image);
    }
}
