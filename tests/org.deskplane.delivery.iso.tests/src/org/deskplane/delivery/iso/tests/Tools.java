package org.deskplane.delivery.iso.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs the external readers (in a UTF-8 locale), failing with their output when they fail. */
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

    /** Runs a shell pipeline (for "bsdtar -xOf … | sha256sum") and returns its standard output. */
    static String shell(Path directory, String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-o", "pipefail", "-c", script)
                .directory(directory.toFile());
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().put("LC_ALL", "C.UTF-8");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException(script + " exited with " + exit + ":\n" + output);
        }
        return output;
    }

    static Path xorrisoExtract(Path image, Path target) throws IOException, InterruptedException {
        java.nio.file.Files.createDirectories(target);
        run(target, "xorriso", "-osirrox", "on", "-indev", image.toString(), "-extract", "/", target.toString());
        return target;
    }

    static Path bsdtarExtract(Path image, Path target) throws IOException, InterruptedException {
        java.nio.file.Files.createDirectories(target);
        run(target, "bsdtar", "-xf", image.toString(), "-C", target.toString());
        return target;
    }
}
