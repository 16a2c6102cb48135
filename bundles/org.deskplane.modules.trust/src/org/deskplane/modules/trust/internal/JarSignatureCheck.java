package org.deskplane.modules.trust.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleStatus;

/**
 * Checks that a jar is intact and completely signed, using the JDK's jar verifier: every entry is read to its end
 * (that is when the verifier compares digests), then every entry other than the signature files must carry the same
 * code signers. Everything is bounded by {@link JarLimits}; reading uses one small buffer.
 */
final class JarSignatureCheck {

    /** Signature files and the manifest are read whole into memory by the JDK: their declared size is capped. */
    static final long MAX_SIGNATURE_FILE_BYTES = 8L * 1024 * 1024;
    private static final String BUNDLE_SYMBOLIC_NAME = "Bundle-SymbolicName";
    private static final int BUFFER_BYTES = 16 * 1024;

    private final JarLimits limits;

    JarSignatureCheck(JarLimits limits) {
        this.limits = limits;
    }

    SignedJar check(Path jar) {
        requireBoundedFile(jar);
        try (JarFile file = open(jar)) {
            List<JarEntry> entries = boundedEntries(file, jar);
            String symbolicName = symbolicName(manifest(file, jar), jar);
            Map<String, Set<CodeSigner>> signersByEntry = readAll(file, entries);
            List<CodeSigner> signers = commonSigners(file, jar, signersByEntry);
            requireNothingRemoved(file, signersByEntry.keySet());
            return new SignedJar(symbolicName, signers.stream().map(JarSignatureCheck::chainOf).toList());
        } catch (IOException e) {
            // only close() can get here; a jar that opened and was read fully is not a reason to fail
            throw new ModuleException(ModuleStatus.INVALID, "Jar " + jar.getFileName() + " could not be closed: " + e,
                    e);
        }
    }

    private void requireBoundedFile(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new ModuleException(ModuleStatus.INVALID, "Not a file: " + jar);
        }
        long size;
        try {
            size = Files.size(jar);
        } catch (IOException e) {
            throw new ModuleException(ModuleStatus.INVALID, "Cannot read " + jar + ": " + e, e);
        }
        if (size > limits.maxJarBytes()) {
            throw new ModuleException(ModuleStatus.TOO_LARGE, "Jar " + jar.getFileName() + " has " + size
                    + " bytes, more than the " + limits.maxJarBytes() + " bytes accepted");
        }
    }

    private static JarFile open(Path jar) {
        try {
            return new JarFile(jar.toFile(), true, ZipFile.OPEN_READ);
        } catch (IOException e) {
            throw new ModuleException(ModuleStatus.INVALID,
                    "Not a jar (zip) file, or a damaged one: " + jar.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Lists the entries, refusing too many, unsafe or duplicate names, and oversized signature files. */
    private List<JarEntry> boundedEntries(JarFile file, Path jar) {
        if (file.size() > limits.maxEntries()) {
            throw new ModuleException(ModuleStatus.TOO_LARGE, "Jar " + jar.getFileName() + " has " + file.size()
                    + " entries, more than the " + limits.maxEntries() + " accepted");
        }
        List<JarEntry> entries = new ArrayList<>(file.size());
        Set<String> names = new HashSet<>();
        Enumeration<JarEntry> enumeration = file.entries();
        while (enumeration.hasMoreElements()) {
            JarEntry entry = enumeration.nextElement();
            String name = entry.getName();
            EntryNames.requireSafe(name);
            if (!names.add(name)) {
                // two entries of one name: the verifier might check one while the framework loads the other
                throw new ModuleException(ModuleStatus.INVALID,
                        "Jar entry '" + EntryNames.printable(name) + "' appears twice");
            }
            if (SignatureEntries.isSignatureRelated(name)
                    && (entry.getSize() < 0 || entry.getSize() > MAX_SIGNATURE_FILE_BYTES)) {
                throw new ModuleException(ModuleStatus.TOO_LARGE, "Jar entry '" + EntryNames.printable(name)
                        + "' declares " + entry.getSize() + " bytes; at most " + MAX_SIGNATURE_FILE_BYTES
                        + " are accepted for a manifest or signature file");
            }
            entries.add(entry);
        }
        return entries;
    }

    private static Manifest manifest(JarFile file, Path jar) {
        Manifest manifest;
        try {
            manifest = file.getManifest();
        } catch (IOException | RuntimeException e) {
            throw new ModuleException(ModuleStatus.INVALID,
                    "The manifest of " + jar.getFileName() + " cannot be read: " + e.getMessage(), e);
        }
        if (manifest == null) {
            throw new ModuleException(ModuleStatus.INVALID,
                    "Jar " + jar.getFileName() + " has no META-INF/MANIFEST.MF, so it is not a bundle");
        }
        return manifest;
    }

    private static String symbolicName(Manifest manifest, Path jar) {
        String value = manifest.getMainAttributes().getValue(BUNDLE_SYMBOLIC_NAME);
        String name = value == null ? "" : value.split(";", 2)[0].trim();
        if (name.isEmpty()) {
            throw new ModuleException(ModuleStatus.INVALID,
                    "Jar " + jar.getFileName() + " is not a bundle: its manifest has no Bundle-SymbolicName");
        }
        return name;
    }

    /**
     * Reads every entry to its end so the verifier checks its digest; returns the signers of each entry that is not
     * part of the signature (insertion ordered, for messages that name the first offender).
     */
    private Map<String, Set<CodeSigner>> readAll(JarFile file, List<JarEntry> entries) {
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        Map<String, Set<CodeSigner>> signersByEntry = new LinkedHashMap<>();
        for (JarEntry entry : entries) {
            String name = entry.getName();
            try (InputStream in = file.getInputStream(entry)) {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    total += read;
                    if (total > limits.maxUncompressedBytes()) {
                        throw new ModuleException(ModuleStatus.TOO_LARGE, "The entries of the jar hold more than "
                                + limits.maxUncompressedBytes() + " bytes uncompressed (reached at entry '"
                                + EntryNames.printable(name) + "')");
                    }
                }
            } catch (SecurityException e) {
                throw new ModuleException(ModuleStatus.TAMPERED, "Jar entry '" + EntryNames.printable(name)
                        + "' does not match its signature: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new ModuleException(ModuleStatus.INVALID, "Jar entry '" + EntryNames.printable(name)
                        + "' cannot be read, the jar is damaged: " + e.getMessage(), e);
            }
            if (!entry.isDirectory() && !SignatureEntries.isSignatureRelated(name)) {
                CodeSigner[] signers = entry.getCodeSigners();
                signersByEntry.put(name, signers == null ? Set.of() : Set.of(signers));
            }
        }
        return signersByEntry;
    }

    /** Requires one and the same, non-empty set of signers on every entry that is not part of the signature. */
    private static List<CodeSigner> commonSigners(JarFile file, Path jar, Map<String, Set<CodeSigner>> signersByEntry) {
        if (signersByEntry.values().stream().allMatch(Set::isEmpty)) {
            boolean hasSignatureFile = file.stream().anyMatch(e -> SignatureEntries.isSignatureFile(e.getName()));
            throw new ModuleException(ModuleStatus.UNSIGNED, hasSignatureFile
                    ? "Jar " + jar.getFileName() + " has signature files, but they sign none of its entries "
                            + "(broken signature, or an algorithm this host does not accept)"
                    : "Jar " + jar.getFileName() + " is not signed");
        }
        Map<String, Attributes> manifestSections = manifestSections(file);
        Set<CodeSigner> expected = null;
        String expectedFrom = null;
        for (Map.Entry<String, Set<CodeSigner>> entry : signersByEntry.entrySet()) {
            String name = EntryNames.printable(entry.getKey());
            if (!manifestSections.containsKey(entry.getKey())) {
                throw new ModuleException(ModuleStatus.UNSIGNED, "Jar entry '" + name
                        + "' is not listed in the signed manifest: it was added after signing");
            }
            if (entry.getValue().isEmpty()) {
                throw new ModuleException(ModuleStatus.UNSIGNED, "Jar entry '" + name + "' is not signed");
            }
            if (expected == null) {
                expected = entry.getValue();
                expectedFrom = name;
            } else if (!expected.equals(entry.getValue())) {
                throw new ModuleException(ModuleStatus.UNTRUSTED_SIGNER, "Jar entry '" + name + "' is signed by "
                        + subjects(entry.getValue()) + " but '" + expectedFrom + "' by " + subjects(expected)
                        + "; every entry must have the same signer");
            }
        }
        return List.copyOf(expected);
    }

    /** An entry the signed manifest lists with a digest but that is gone was removed after signing. */
    private static void requireNothingRemoved(JarFile file, Set<String> present) {
        for (Map.Entry<String, Attributes> section : manifestSections(file).entrySet()) {
            String name = section.getKey();
            boolean hasDigest = section.getValue().keySet().stream()
                    .anyMatch(key -> key.toString().endsWith("-Digest"));
            if (hasDigest && !present.contains(name) && file.getJarEntry(name) == null) {
                throw new ModuleException(ModuleStatus.TAMPERED, "Jar entry '" + EntryNames.printable(name)
                        + "' is listed in the signed manifest but missing: it was removed after signing");
            }
        }
    }

    private static Map<String, Attributes> manifestSections(JarFile file) {
        try {
            Manifest manifest = file.getManifest();
            return manifest == null ? Map.of() : manifest.getEntries();
        } catch (IOException e) {
            throw new ModuleException(ModuleStatus.INVALID, "The manifest cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> chainOf(CodeSigner signer) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : signer.getSignerCertPath().getCertificates()) {
            if (!(certificate instanceof X509Certificate x509)) {
                throw new ModuleException(ModuleStatus.UNTRUSTED_SIGNER, "The jar is signed with a "
                        + certificate.getType() + " certificate; only X.509 is accepted");
            }
            chain.add(x509);
        }
        return chain;
    }

    private static String subjects(Set<CodeSigner> signers) {
        return signers.stream().map(JarSignatureCheck::chainOf).map(chain -> CertificateCodec.subject(chain.get(0)))
                .sorted().collect(Collectors.joining(", ", "[", "]"));
    }
}
