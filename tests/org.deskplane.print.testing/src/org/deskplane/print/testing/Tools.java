package org.deskplane.print.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the host's command-line tools with a deadline, failing with their output when they fail. */
public final class Tools {

    private Tools() {
    }

    /** @return the standard output of {@code command}; an exception with its output if it fails or hangs. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] output;
        try (var in = p.getInputStream()) {
            // the tools used here print little; reading to the end also waits for them
            output = in.readAllBytes();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + Arrays.toString(command));
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(Arrays.toString(command) + " exited with " + p.exitValue() + ": " + text);
        }
        return text;
    }

    /** @return the text {@code pdftotext -layout} reads from {@code pdf}, whitespace normalised per line. */
    public static List<String> pdfText(Path pdf) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        for (String line : run("pdftotext", "-layout", pdf.toString(), "-").split("\n")) {
            String normal = line.replace('\f', ' ').trim().replaceAll("\\s+", " ");
            if (!normal.isEmpty()) {
                lines.add(normal);
            }
        }
        return lines;
    }

    /** @return the page count {@code pdfinfo} reports. */
    public static int pdfPages(Path pdf) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("(?m)^Pages:\\s+(\\d+)").matcher(run("pdfinfo", pdf.toString()));
        if (!m.find()) {
            throw new IOException("pdfinfo printed no page count for " + pdf);
        }
        return Integer.parseInt(m.group(1));
    }
}
