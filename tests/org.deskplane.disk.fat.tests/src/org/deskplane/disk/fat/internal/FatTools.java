package org.deskplane.disk.fat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs mkfs.vfat and mcopy (TZ=UTC so FAT's local times are UTC, MTOOLS_SKIP_CHECK=1, a UTF-8 locale). */
final class FatTools {

    private FatTools() {
    }

    /** A FAT{@code bits} image of {@code sizeKiB} KiB labelled {@code label}, holding a copy of {@code tree}. */
    static Path makeImage(Path dir, int bits, int sizeKiB, String label, Path tree) throws Exception {
        Path image = dir.resolve("fat" + bits + ".img");
        run(List.of("mkfs.vfat", "-F", String.valueOf(bits), "-n", label, "-C", image.toString(),
                String.valueOf(sizeKiB)));
        List<String> copy = new ArrayList<>(List.of("mcopy", "-s", "-m", "-i", image.toString()));
        try (Stream<Path> top = Files.list(tree)) {
            top.sorted().forEach(p -> copy.add(p.toString()));
        }
        if (copy.size() > 5) {
            copy.add("::/");
            run(copy);
        }
        return image;
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        // stdin from /dev/null: mcopy (mtools 4.0) sometimes reads stdin (seen after an empty file) and would
        // wait forever on an open pipe
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("TZ", "UTC");
        pb.environment().put("MTOOLS_SKIP_CHECK", "1");
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().put("LANG", "C.UTF-8");
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), () -> String.join(" ", command) + " failed:\n" + output);
    }
}
