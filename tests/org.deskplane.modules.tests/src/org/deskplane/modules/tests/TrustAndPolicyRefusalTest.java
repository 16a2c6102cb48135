package org.deskplane.modules.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModulePolicies;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.PolicyRule;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.api.Verb;
import org.deskplane.modules.testing.Signing;
import org.deskplane.modules.tests.fixture.EchoModule;
import org.deskplane.security.api.AuditEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Unsigned, tampered, wrongly signed, expired and policy-denied modules are refused with a clear status, audited as
 * denied, and leave nothing installed: not in the store, not in staging, not in the runtime.
 */
class TrustAndPolicyRefusalTest {

    private static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        Modules.prepare();
        Modules.allow("refusals", "vm-refusals");
        dir = Modules.dir("refusals");
    }

    @Test
    void anUnsignedModuleIsRefused() throws Exception {
        Path jar = Modules.echoJar("org.example.unsigned", "1.0.0", "x.unsigned").writeTo(dir.resolve("unsigned.jar"));
        assertRefused(jar, "org.example.unsigned", ModuleStatus.UNSIGNED);
    }

    @Test
    void aModuleChangedAfterSigningIsRefused() throws Exception {
        Path signed = Modules.echoModule(dir, "org.example.tampered", "1.0.0", "x.tampered");
        String classEntry = EchoModule.class.getName().replace('.', '/') + ".class";
        Path tampered = Signing.tamper(signed, classEntry, "not the signed class".getBytes(StandardCharsets.UTF_8),
                dir.resolve("tampered.jar"));
        assertRefused(tampered, "org.example.tampered", ModuleStatus.TAMPERED);
        Path added = Signing.addEntry(signed, "extra/Backdoor.class", new byte[] { 1, 2, 3 }, dir.resolve("added.jar"));
        ModuleStatus status = refusal(added);
        assertTrue(status == ModuleStatus.UNSIGNED || status == ModuleStatus.TAMPERED, "an added entry: " + status);
    }

    @Test
    void aModuleSignedByAStrangerIsRefused() throws Exception {
        Path jar = Modules.echoJar("org.example.stranger", "1.0.0", "x.stranger").writeTo(dir.resolve("stranger.jar"));
        Signing.sign(jar, Signing.strangerKey(dir));
        assertRefused(jar, "org.example.stranger", ModuleStatus.UNTRUSTED_SIGNER);
    }

    @Test
    void aModuleSignedWithAnExpiredCertificateIsRefused() throws Exception {
        Path jar = Modules.echoJar("org.example.expired", "1.0.0", "x.expired").writeTo(dir.resolve("expired.jar"));
        Signing.sign(jar, Signing.issuedByTestCa(dir, "Expired Signer", "-400d", 30));
        assertRefused(jar, "org.example.expired", ModuleStatus.EXPIRED);
    }

    @Test
    void aVerbThePolicyDoesNotAllowIsDenied() throws Exception {
        Requester queryOnly = Modules.guest("vm-query-only");
        Modules.allow("query-only", "vm-query-only", Verb.QUERY);
        assertEquals(ModuleStatus.NOT_FOUND, Modules.host().query(queryOnly, "org.example.any", "0").status());
        Path jar = Modules.echoModule(dir, "org.example.denied", "1.0.0", "x.denied");
        ModuleException denied = assertThrows(ModuleException.class, () -> Modules.upload(queryOnly, jar));
        assertEquals(ModuleStatus.DENIED, denied.status());
        assertTrue(denied.getMessage().contains("UPLOAD"), denied.getMessage());

        Requester nobody = Modules.guest("vm-without-any-rule");
        assertEquals(ModuleStatus.DENIED, assertThrows(ModuleException.class,
                () -> Modules.host().query(nobody, "org.example.any", "0")).status(), "a guest is denied by default");
        assertFalse(Modules.audit("module.query", "org.example.any").stream()
                .noneMatch(e -> e.result() == AuditEvent.Result.DENIED), "the denial is audited");
        assertNothingInstalled("org.example.denied");
    }

    @Test
    void aSignerThePolicyDoesNotNameIsDenied() throws Exception {
        ModulePolicies policies = Modules.service(ModulePolicies.class);
        policies.put(new PolicyRule("only-the-build-signer", 10, Set.of("vm-signer"), Set.of("*"), Set.of(), Set.of(),
                Set.of("CN=Deskplane Test Module Signer, O=Deskplane"), true));
        Requester guest = Modules.guest("vm-signer");
        Path other = Modules.echoJar("org.example.othersigner", "1.0.0", "x.other").writeTo(dir.resolve("other.jar"));
        Signing.sign(other, Signing.issuedByTestCa(dir, "Another Deskplane Signer", "-1d", 365));
        ModuleException denied = assertThrows(ModuleException.class, () -> Modules.upload(guest, other));
        assertEquals(ModuleStatus.DENIED, denied.status(), "trusted, but not a signer this VM may use");
        assertNothingInstalled("org.example.othersigner");
        Modules.upload(guest, Modules.echoModule(dir, "org.example.buildsigner", "1.0.0", "x.build"));
        assertEquals(ModuleStatus.OK, Modules.host().query(guest, "org.example.buildsigner", "0").status());
    }

    private static void assertRefused(Path jar, String name, ModuleStatus expected) throws Exception {
        assertEquals(expected, refusal(jar));
        List<AuditEvent> audited = Modules.audit("module.upload", null);
        assertTrue(audited.stream().anyMatch(e -> e.result() == AuditEvent.Result.DENIED
                && e.detail().contains(expected.name())), "the refusal is audited as denied: " + audited);
        assertNothingInstalled(name);
    }

    private static ModuleStatus refusal(Path jar) {
        return assertThrows(ModuleException.class, () -> Modules.upload(Modules.guest("vm-refusals"), jar)).status();
    }

    private static void assertNothingInstalled(String name) throws Exception {
        assertTrue(Modules.host().modules().stream().noneMatch(m -> m.symbolicName().equals(name)), "not stored");
        assertEquals(List.of(), Modules.staging(), "nothing staged");
        assertTrue(Modules.runtime().modules().stream().noneMatch(m -> m.symbolicName().equals(name)), "not installed");
    }
}
