package org.deskplane.disk.iso9660.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs the tools that build the test images (in a UTF-8 locale), failing with their output when they fail. */
final class Tools {

    private Tools() {
    }

    static String run(Path directory, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(directory.toFile())
                .redirectErrorStream(true);
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + exit + ":\n" + output);
        }
        return output;
    }

    /** {@code xorriso -as mkisofs} with the given options, from {@code source} into {@code iso}. */
    static Path mkisofs(Path source, Path iso, String... options) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("xorriso", "-as", "mkisofs", "-V", "DESKPLANE"));
        command.addAll(List.of(options));
        command.addAll(List.of("-o", iso.toString(), source.toString()));
        run(iso.getParent(), command.toArray(String[]::new));
        return iso;
    }
}
