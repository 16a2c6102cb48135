package org.deskplane.content.guestfs.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host tool and fails with its output when it fails. */
final class Tools {

    private Tools() {
    }

    static void run(Path work, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(work, "tool", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(new File("/dev/null"));
        builder.environment().put("LIBGUESTFS_BACKEND", "direct");
        builder.environment().putIfAbsent("LIBGUESTFS_BACKEND_SETTINGS", "force_tcg");
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(command[0] + " did not finish: " + Files.readString(log));
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                    + Files.readString(log));
        }
    }
}
