package org.deskplane.modules.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Module jars for tests: a minimal bundle, signed (or not) with the repository's throw-away test signer
 * ({@code releng/module-signing}) by the JDK's {@code jarsigner}.
 */
public final class TestJars {

    public static final String STORE_PASSWORD = "deskplane-test";

    private TestJars() {
    }

    /** {@code releng/module-signing} of this repository, found from the working directory upwards. */
    public static Path signingDirectory() {
        String configured = System.getProperty("deskplane.test.moduleSigning");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("releng/module-signing");
            if (Files.isRegularFile(candidate.resolve("deskplane-test-modules.p12"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("releng/module-signing not found above " + Paths.get("").toAbsolutePath()
                + "; set -Ddeskplane.test.moduleSigning");
    }

    /** The trust anchor of the test signer, as PEM text. */
    public static String testCaPem() throws IOException {
        return Files.readString(signingDirectory().resolve("deskplane-test-ca.pem"), StandardCharsets.US_ASCII);
    }

    /** An unsigned bundle jar with one class-like entry, written into {@code dir}. */
    public static Path bundle(Path dir, String symbolicName, String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        Path jar = dir.resolve(symbolicName + "_" + version + ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("readme.txt"));
            out.write(("module " + symbolicName + " " + version + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /** A bundle jar signed by the test signer (chain: signer ← test CA). */
    public static Path signedBundle(Path dir, String symbolicName, String version) throws IOException {
        Path unsigned = bundle(dir, symbolicName, version);
        Path signed = dir.resolve(symbolicName + "_" + version + ".signed.jar");
        sign(unsigned, signed);
        return signed;
    }

    /** Signs with {@code jarsigner} from the running JDK. */
    public static void sign(Path in, Path out) throws IOException {
        Path jarsigner = Paths.get(System.getProperty("java.home"), "bin", "jarsigner");
        List<String> command = new ArrayList<>(List.of(jarsigner.toString(), "-keystore",
                signingDirectory().resolve("deskplane-test-modules.p12").toString(), "-storetype", "PKCS12",
                "-storepass", STORE_PASSWORD, "-signedjar", out.toString(), in.toString(), "signer"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("jarsigner failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signing", e);
        }
    }
}
