package org.deskplane.modules.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.deskplane.modules.api.ModuleException;
import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.Requester;
import org.deskplane.modules.testing.ModuleJar;
import org.deskplane.modules.testing.Signing;
import org.deskplane.modules.tests.fixture.SpinningModule;
import org.deskplane.modules.tests.fixture.ThrowingModule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Through the host: a module that throws or hangs while starting is reported, and the host keeps serving. */
class HostileModuleTest {

    private static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        Modules.prepare();
        Modules.allow("hostile", "vm-hostile");
        dir = Modules.dir("hostile");
    }

    @Test
    void aModuleThatThrowsWhileStartingFailsAndLeavesNothingRunning() throws Exception {
        Requester guest = Modules.guest("vm-hostile");
        Path jar = new ModuleJar("org.example.throwing", "1.0.0").header("Bundle-Activator", ThrowingModule.class.getName())
                .header("Import-Package", "org.osgi.framework").withClass(ThrowingModule.class)
                .writeTo(dir.resolve("throwing.jar"));
        Modules.upload(guest, Signing.sign(jar, Signing.trustedSigner()));
        ModuleException failed = assertThrows(ModuleException.class,
                () -> Modules.host().load(guest, "org.example.throwing", "1.0.0"));
        assertEquals(ModuleStatus.ACTIVATION_FAILED, failed.status());
        assertEquals(ModuleState.FAILED, state("org.example.throwing"));
        assertTrue(Modules.runtime().modules().stream().noneMatch(m -> m.symbolicName().equals("org.example.throwing")),
                "a module that failed to start is not left in the runtime");
    }

    @Test
    void aModuleThatHangsWhileStartingIsQuarantinedAndTheHostKeepsServing() throws Exception {
        Requester guest = Modules.guest("vm-hostile");
        Path jar = new ModuleJar("org.example.spinning", "1.0.0").header("Bundle-Activator", SpinningModule.class.getName())
                .header("Import-Package", "org.osgi.framework").withClass(SpinningModule.class)
                .writeTo(dir.resolve("spinning.jar"));
        Modules.upload(guest, Signing.sign(jar, Signing.trustedSigner()));
        ModuleHost host = Modules.host();
        ModuleException hung = assertThrows(ModuleException.class, () -> host.load(guest, "org.example.spinning", "1.0.0"));
        assertEquals(ModuleStatus.ACTIVATION_TIMEOUT, hung.status());
        assertEquals(ModuleState.QUARANTINED, state("org.example.spinning"));
        assertEquals(ModuleStatus.OK, host.query(guest, "org.example.spinning", "0").status(), "the host still answers");
        assertEquals(ModuleStatus.CONFLICT, assertThrows(ModuleException.class,
                () -> host.load(guest, "org.example.spinning", "1.0.0")).status(), "a quarantined module stays out");
        assertEquals(ModuleStatus.DENIED, assertThrows(ModuleException.class,
                () -> host.clearQuarantine(guest, "org.example.spinning", "1.0.0")).status(), "only an admin clears it");
        host.clearQuarantine(Modules.admin(), "org.example.spinning", "1.0.0");
        assertEquals(ModuleState.STORED, state("org.example.spinning"));
    }

    private static ModuleState state(String name) {
        return Modules.host().modules().stream().filter(m -> m.symbolicName().equals(name)).findFirst().orElseThrow()
                .state();
    }
}
