package org.deskplane.modules.trust.tests;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The test key material of releng/module-signing (path in the system property {@code deskplane.moduleSigning}) and
 * certificates made on the fly under the trusted test CA or under a CA of a test's own.
 */
final class TestPki {

    static final String PASSWORD = "deskplane-test";
    static final String SIGNER_SUBJECT = "CN=Deskplane Test Module Signer,O=Deskplane";
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    /** A private key and its chain, signer certificate first. */
    record Identity(PrivateKey key, List<X509Certificate> chain) {
        X509Certificate certificate() {
            return chain.get(0);
        }
    }

    private TestPki() {
    }

    static Path signingDirectory() {
        String configured = System.getProperty("deskplane.moduleSigning");
        if (configured == null) {
            throw new IllegalStateException("system property deskplane.moduleSigning is not set (see the test pom)");
        }
        return Path.of(configured);
    }

    static Path testCaPem() {
        return signingDirectory().resolve("deskplane-test-ca.pem");
    }

    static byte[] testCaPemBytes() throws Exception {
        return Files.readAllBytes(testCaPem());
    }

    /** The build's module signer (chain signer ← test CA). */
    static Identity testSigner() throws Exception {
        return load("deskplane-test-modules.p12", "signer");
    }

    /** The trusted test CA itself, to issue more certificates under it. */
    static Identity testCa() throws Exception {
        return load("ca.p12", "ca");
    }

    static Identity selfSignedCa(String commonName) throws Exception {
        KeyPair pair = newKeyPair();
        Instant now = Instant.now();
        X509Certificate certificate = build(new X500Name("O=Deskplane Tests,CN=" + commonName), pair.getPrivate(),
                commonName, pair, now.minusSeconds(3600), now.plusSeconds(86_400), true, true);
        return new Identity(pair.getPrivate(), List.of(certificate));
    }

    /** Issues a certificate under {@code issuer}; the new identity's chain continues with the issuer's chain. */
    static Identity issue(Identity issuer, String commonName, Instant notBefore, Instant notAfter, boolean ca,
            boolean codeSigning) throws Exception {
        KeyPair pair = newKeyPair();
        X500Name issuerName = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        X509Certificate certificate = build(issuerName, issuer.key(), commonName, pair, notBefore, notAfter, ca,
                codeSigning);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(issuer.chain());
        return new Identity(pair.getPrivate(), chain);
    }

    static Identity signerUnder(Identity issuer, String commonName, Instant notBefore, Instant notAfter)
            throws Exception {
        return issue(issuer, commonName, notBefore, notAfter, false, true);
    }

    private static X509Certificate build(X500Name issuer, PrivateKey issuerKey, String commonName, KeyPair pair,
            Instant notBefore, Instant notAfter, boolean ca, boolean codeSigning) throws Exception {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                new X500Name("O=Deskplane Tests,CN=" + commonName), pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
        if (!ca) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    codeSigning ? KeyPurposeId.id_kp_codeSigning : KeyPurposeId.id_kp_serverAuth));
        }
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static Identity load(String file, String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(signingDirectory().resolve(file))) {
            store.load(in, PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey(alias, PASSWORD.toCharArray());
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : store.getCertificateChain(alias)) {
            chain.add((X509Certificate) certificate);
        }
        return new Identity(key, chain);
    }
}
