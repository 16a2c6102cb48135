package org.deskplane.delivery.iso.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.deskplane.delivery.iso.IsoImageBuilder;
import org.deskplane.delivery.iso.IsoProgress;

/** The {@link IsoImageBuilder}: collects entries into an {@link EntryTree}, lays out and writes on demand. */
public final class DefaultIsoImageBuilder implements IsoImageBuilder {

    private final String label;
    private final EntryTree tree = new EntryTree();
    private IsoTime time = new IsoTime(DEFAULT_TIMESTAMP);
    private boolean rockRidge = true;
    /** The last layout, dropped whenever the tree or an option changes. */
    private ImageLayout layout;

    public DefaultIsoImageBuilder(String label) {
        this.label = VolumeLabel.check(label);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public IsoImageBuilder timestamp(Instant timestamp) {
        time = new IsoTime(Objects.requireNonNull(timestamp, "timestamp"));
        layout = null;
        return this;
    }

    @Override
    public IsoImageBuilder maxEntries(int max) {
        tree.maxEntries(max);
        return this;
    }

    @Override
    public IsoImageBuilder rockRidge(boolean enabled) {
        rockRidge = enabled;
        layout = null;
        return this;
    }

    @Override
    public IsoImageBuilder addTree(Path directory) throws IOException {
        return addTree("", directory);
    }

    @Override
    public IsoImageBuilder addTree(String isoPath, Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        List<String> target = ImagePath.segments(isoPath, true);
        String path = String.join("/", target);
        layout = null;
        tree.atomically(() -> SourceFiles.addTree(tree, target, directory, path));
        return this;
    }

    @Override
    public IsoImageBuilder addFile(String isoPath, Path source) throws IOException {
        Objects.requireNonNull(source, "source");
        List<String> segments = ImagePath.segments(isoPath, false);
        FileContent content = SourceFiles.regularFile(source);
        add(segments, isoPath, content);
        return this;
    }

    @Override
    public IsoImageBuilder addBytes(String isoPath, byte[] content) {
        return addBytes(isoPath, content, false);
    }

    @Override
    public IsoImageBuilder addBytes(String isoPath, byte[] content, boolean executable) {
        Objects.requireNonNull(content, "content");
        List<String> segments = ImagePath.segments(isoPath, false);
        add(segments, isoPath, new FileContent.Bytes(content.clone(), executable));
        return this;
    }

    @Override
    public IsoImageBuilder addDirectory(String isoPath) {
        List<String> segments = ImagePath.segments(isoPath, false);
        layout = null;
        tree.atomically(() -> tree.directory(segments, isoPath));
        return this;
    }

    private void add(List<String> segments, String isoPath, FileContent content) {
        if (segments.size() > IsoFormat.MAX_DEPTH) {
            throw new IllegalArgumentException("image path deeper than " + IsoFormat.MAX_DEPTH + " levels: \""
                    + ImagePath.abbreviate(isoPath) + "\"");
        }
        layout = null;
        tree.atomically(() -> tree.addFile(segments, isoPath, content));
    }

    @Override
    public long imageSize() {
        return layout().imageBytes();
    }

    @Override
    public void writeTo(Path target, IsoProgress progress) throws IOException {
        ImageLayout current = layout();
        Path absolute = target.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                new ImageWriter(current).write(channel, progress);
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    @Override
    public void writeTo(WritableByteChannel out, IsoProgress progress) throws IOException {
        Objects.requireNonNull(out, "out");
        new ImageWriter(layout()).write(out, progress);
    }

    private ImageLayout layout() {
        if (layout == null) {
            layout = new ImageLayout(label, time, rockRidge, tree.root);
        }
        return layout;
    }
}
