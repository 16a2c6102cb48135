package org.deskplane.modules.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * A module jar built by its own Maven module and named by a system property (the test installs it itself), and what
 * the tests check about its signature and imports.
 */
public final class BuiltModule {

    private BuiltModule() {
    }

    /** The jar the system property {@code property} names; fails clearly when it is unset or the jar is missing. */
    public static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (this module's pom sets it)");
        }
        Path jar = Path.of(value);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build the module before its tests");
        }
        return jar;
    }

    /** Installs from a stream with a location of its own, as the module host does with a staged upload. */
    public static Bundle install(BundleContext context, Path jar) throws IOException, BundleException {
        try (InputStream in = Files.newInputStream(jar)) {
            return context.installBundle("module-test:" + jar.getFileName(), in);
        }
    }

    /**
     * The subject of the signer certificate of every entry that must be signed (all but the signature files and
     * directories), one per entry; an unsigned entry fails.
     */
    public static List<String> signerSubjects(Path path) throws IOException {
        List<String> subjects = new ArrayList<>();
        try (JarFile jar = new JarFile(path.toFile(), true)) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || isSignatureFile(name)) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream()); // signers are known once read: verifies the digest
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    throw new AssertionError("entry " + name + " of " + path + " is not signed");
                }
                X509Certificate signer = (X509Certificate) signers[0].getSignerCertPath().getCertificates().get(0);
                subjects.add(signer.getSubjectX500Principal().getName());
            }
        }
        return subjects;
    }

    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.equals("META-INF/MANIFEST.MF") || upper.startsWith("META-INF/") && (upper.endsWith(".SF")
                || upper.endsWith(".EC") || upper.endsWith(".RSA") || upper.endsWith(".DSA"));
    }

    /** The package names in an Import-Package header (attributes and directives dropped). */
    public static List<String> importedPackages(String header) {
        List<String> packages = new ArrayList<>();
        boolean quoted = false;
        StringBuilder clause = new StringBuilder();
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                packages.add(clause.toString().split(";")[0].trim());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return packages;
    }
}
