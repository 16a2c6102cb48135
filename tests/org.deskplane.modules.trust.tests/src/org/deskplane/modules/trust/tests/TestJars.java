package org.deskplane.modules.trust.tests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import jdk.security.jarsigner.JarSigner;

/** Builds small bundle jars, signs them with the JDK's JarSigner, and makes altered copies of signed jars. */
final class TestJars {

    static final String RESOURCE = "org/example/hello/hello.txt";
    static final String CLASS_LIKE = "org/example/hello/Hello.class";

    private TestJars() {
    }

    /** A minimal bundle: manifest with the given symbolic name (none when null) and two entries. */
    static Path bundle(Path directory, String fileName, String symbolicName) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        if (symbolicName != null) {
            main.putValue("Bundle-SymbolicName", symbolicName);
        }
        main.putValue("Bundle-Version", "1.0.0");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("org/example/hello/", null);
        entries.put(RESOURCE, "hello from a module".getBytes(StandardCharsets.UTF_8));
        // not a loadable class, but an entry under a .class name, as real modules have
        entries.put(CLASS_LIKE, new byte[] { (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 65 });
        return write(directory.resolve(fileName), manifest, entries);
    }

    static Path write(Path file, Manifest manifest, Map<String, byte[]> entries) throws Exception {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                if (entry.getValue() != null) {
                    out.write(entry.getValue());
                }
                out.closeEntry();
            }
        }
        return file;
    }

    /** Signs {@code jar} with {@code signer} (SHA-256 digests, ECDSA), writing {@code signed}. */
    static Path sign(Path jar, TestPki.Identity signer, Path signed) throws Exception {
        return sign(jar, signer, signed, "SIGNER");
    }

    /** Signs with the signature files named {@code META-INF/<signerName>.SF/.EC}, so a second signature can be added. */
    static Path sign(Path jar, TestPki.Identity signer, Path signed, String signerName) throws Exception {
        var certPath = CertificateFactory.getInstance("X.509").generateCertPath(signer.chain());
        JarSigner jarSigner = new JarSigner.Builder(signer.key(), certPath).digestAlgorithm("SHA-256")
                .signatureAlgorithm("SHA256withECDSA").signerName(signerName).build();
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(signed)) {
            jarSigner.sign(in, out);
        }
        return signed;
    }

    /**
     * Copies {@code jar} entry by entry: {@code change} maps each entry's name and bytes to new bytes (null drops
     * the entry); {@code added} entries are appended.
     */
    static Path copy(Path jar, Path copy, EntryChange change, Map<String, byte[]> added) throws Exception {
        try (ZipFile in = new ZipFile(jar.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream data = in.getInputStream(entry)) {
                    bytes = data.readAllBytes();
                }
                byte[] changed = change.apply(entry.getName(), bytes);
                if (changed != null) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    out.write(changed);
                    out.closeEntry();
                }
            }
            for (Map.Entry<String, byte[]> entry : added.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return copy;
    }

    /** Changes one entry's bytes, keeping the others. */
    static EntryChange replace(String name, byte[] bytes) {
        return (entry, old) -> entry.equals(name) ? bytes : old;
    }

    /** Rewrites the manifest text of a jar (applied to META-INF/MANIFEST.MF only). */
    static EntryChange editManifest(UnaryOperator<Manifest> edit) {
        return (entry, old) -> {
            if (!entry.equals("META-INF/MANIFEST.MF")) {
                return old;
            }
            try {
                Manifest manifest = edit.apply(new Manifest(new ByteArrayInputStream(old)));
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                manifest.write(bytes);
                return bytes.toByteArray();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @FunctionalInterface
    interface EntryChange {
        byte[] apply(String name, byte[] bytes);
    }
}
