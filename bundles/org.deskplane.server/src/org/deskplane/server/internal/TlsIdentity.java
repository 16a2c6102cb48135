package org.deskplane.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's TLS key and certificate: a PKCS#12 keystore in {@code <data>/tls/}, made on first start with a
 * self-signed certificate (names: localhost, this host, the bind address, loopback), reused afterwards so
 * clients that pinned its fingerprint keep trusting it. Replace the keystore file to use a CA's certificate.
 */
final class TlsIdentity {

    static final String ALIAS = "deskplane";
    private static final Duration VALIDITY = Duration.ofDays(825);

    private final Path keystore;
    private final char[] password;
    private final X509Certificate certificate;

    private TlsIdentity(Path keystore, char[] password, X509Certificate certificate) {
        this.keystore = keystore;
        this.password = password;
        this.certificate = certificate;
    }

    Path keystore() {
        return keystore;
    }

    String password() {
        return new String(password);
    }

    String sha256Fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the keystore of an earlier start, or makes a new one. */
    static TlsIdentity loadOrCreate(Path dataDir, String bindAddress) throws IOException, GeneralSecurityException {
        Path dir = dataDir.resolve("tls");
        Path store = dir.resolve("server.p12");
        Path secret = dir.resolve("keystore.secret");
        if (Files.exists(store) && Files.exists(secret)) {
            char[] password = Files.readString(secret, StandardCharsets.UTF_8).trim().toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, password);
            }
            X509Certificate cert = (X509Certificate) ks.getCertificate(ALIAS);
            if (cert == null) {
                throw new GeneralSecurityException(store + " has no entry '" + ALIAS + "'");
            }
            return new TlsIdentity(store, password, cert);
        }
        Files.createDirectories(dir);
        char[] password = randomSecret();
        KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
        X509Certificate cert = selfSign(keys, bindAddress);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(ALIAS, keys.getPrivate(), password, new X509Certificate[] { cert });
        writePrivate(secret, new String(password).getBytes(StandardCharsets.UTF_8));
        Path tmp = Files.createTempFile(dir, "server", ".p12.tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password);
        }
        restrict(tmp);
        Files.move(tmp, store, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new TlsIdentity(store, password, cert);
    }

    private static X509Certificate selfSign(KeyPair keys, String bindAddress) throws GeneralSecurityException {
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=Deskplane server, O=Deskplane");
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(bindAddress));
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("could not build the self-signed certificate", e);
        }
    }

    private static GeneralNames subjectAltNames(String bindAddress) {
        Set<String> dns = new LinkedHashSet<>(List.of("localhost"));
        Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
        try {
            dns.add(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            // no resolvable host name: localhost and the addresses still work
        }
        if (bindAddress.matches("[0-9.]+") || bindAddress.contains(":")) {
            if (!bindAddress.equals("0.0.0.0") && !bindAddress.equals("::")) {
                ips.add(bindAddress);
            }
        } else {
            dns.add(bindAddress);
        }
        List<GeneralName> names = new ArrayList<>();
        dns.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        ips.forEach(n -> names.add(new GeneralName(GeneralName.iPAddress, n)));
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static char[] randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }

    private static void writePrivate(Path file, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        restrict(tmp);
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: rely on the data directory's own permissions
        }
    }
}
