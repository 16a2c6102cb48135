package org.deskplane.server.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** An append-only text file that rolls over to {@code name.1 … name.N} past a size. Not thread-safe. */
final class RotatingLogFile implements AutoCloseable {

    private final Path file;
    private final long rotateAt;
    private final int keep;
    private Writer out;
    private long written;

    RotatingLogFile(Path file, long rotateAt, int keep) throws IOException {
        this.file = file;
        this.rotateAt = rotateAt;
        this.keep = keep;
        Files.createDirectories(file.getParent());
        open();
    }

    Path path() {
        return file;
    }

    void append(String text) throws IOException {
        out.write(text);
        out.flush();
        written += text.length();
        if (written > rotateAt) {
            rotate();
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void open() throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        written = Files.size(file);
    }

    private void rotate() throws IOException {
        out.close();
        String name = file.getFileName().toString();
        for (int i = keep - 1; i >= 1; i--) {
            Path older = file.resolveSibling(name + "." + i);
            if (Files.exists(older)) {
                Files.move(older, file.resolveSibling(name + "." + (i + 1)), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, file.resolveSibling(name + ".1"), StandardCopyOption.REPLACE_EXISTING);
        open();
    }
}
