package org.deskplane.modules.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Signs jars with the JDK's {@code jarsigner} and makes keys with {@code keytool}, the tools an administrator
 * would use. The directory of the test key material ({@code releng/module-signing}) comes from the system property
 * {@value #SIGNING_DIR_PROPERTY}.
 */
public final class Signing {

    public static final String SIGNING_DIR_PROPERTY = "deskplane.test.signingDir";
    public static final String PASSWORD = "deskplane-test";

    /** A key store with one private key entry. */
    public record Key(Path keystore, String alias) {
    }

    private Signing() {
    }

    public static Path signingDir() {
        String dir = System.getProperty(SIGNING_DIR_PROPERTY);
        if (dir == null) {
            throw new IllegalStateException("system property " + SIGNING_DIR_PROPERTY + " is not set");
        }
        return Path.of(dir);
    }

    /** The test CA certificate an administrator adds to the trust store. */
    public static Path testCaCertificate() {
        return signingDir().resolve("deskplane-test-ca.pem");
    }

    /** The signer the build signs modules with (its certificate was issued by the test CA). */
    public static Key trustedSigner() {
        return new Key(signingDir().resolve("deskplane-test-modules.p12"), "signer");
    }

    /** A self-signed key nobody trusts. */
    public static Key strangerKey(Path dir) throws IOException {
        Path keystore = dir.resolve("stranger-" + System.nanoTime() + ".p12");
        keytool("-genkeypair", "-alias", "stranger", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=Somebody Else, O=Not Deskplane", "-validity", "365", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        return new Key(keystore, "stranger");
    }

    /**
     * A key whose certificate was issued by the trusted test CA but is valid only from {@code startDate} for
     * {@code validityDays} (keytool's -startdate syntax, e.g. "-400d" with 30 days: expired 370 days ago).
     */
    public static Key issuedByTestCa(Path dir, String commonName, String startDate, int validityDays)
            throws IOException {
        Path keystore = dir.resolve("issued-" + System.nanoTime() + ".p12");
        String alias = "issued";
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=" + commonName + ", O=Deskplane", "-validity", "3650", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        Path csr = dir.resolve(alias + System.nanoTime() + ".csr");
        Path cert = dir.resolve(alias + System.nanoTime() + ".pem");
        keytool("-certreq", "-alias", alias, "-keystore", keystore.toString(), "-storepass", PASSWORD, "-file",
                csr.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", signingDir().resolve("ca.p12").toString(), "-storepass",
                PASSWORD, "-infile", csr.toString(), "-outfile", cert.toString(), "-rfc", "-startdate", startDate,
                "-validity", Integer.toString(validityDays), "-ext", "eku=codeSigning");
        Path chain = dir.resolve(alias + System.nanoTime() + "-chain.pem");
        Files.writeString(chain, Files.readString(cert) + Files.readString(testCaCertificate()));
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", chain.toString(), "-keystore",
                keystore.toString(), "-storepass", PASSWORD);
        return new Key(keystore, alias);
    }

    /** Signs {@code jar} in place. */
    public static Path sign(Path jar, Key key) throws IOException {
        run(tool("jarsigner"), "-keystore", key.keystore().toString(), "-storetype", "PKCS12", "-storepass",
                PASSWORD, "-keypass", PASSWORD, jar.toString(), key.alias());
        return jar;
    }

    /**
     * Rewrites a signed jar with one entry's content replaced (its signature files kept): what an attacker who
     * changed a class after signing would produce.
     */
    public static Path tamper(Path signedJar, String entryName, byte[] newContent, Path target) throws IOException {
        return rewrite(signedJar, target, entryName, newContent, null, null);
    }

    /** Rewrites a signed jar with one more, unsigned entry. */
    public static Path addEntry(Path signedJar, String entryName, byte[] content, Path target) throws IOException {
        return rewrite(signedJar, target, null, null, entryName, content);
    }

    private static Path rewrite(Path source, Path target, String replaceName, byte[] replaceWith, String addName,
            byte[] addContent) throws IOException {
        try (ZipFile zip = new ZipFile(source.toFile()); OutputStream out = Files.newOutputStream(target);
                ZipOutputStream copy = new ZipOutputStream(out)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                copy.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(replaceName)) {
                    copy.write(replaceWith);
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(copy);
                    }
                }
                copy.closeEntry();
            }
            if (addName != null) {
                copy.putNextEntry(new ZipEntry(addName));
                copy.write(addContent);
                copy.closeEntry();
            }
        }
        return target;
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(tool("keytool"));
        command.addAll(List.of(arguments));
        run(command.toArray(String[]::new));
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + new String(output));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
