package org.deskplane.channel.libvirt.tests;

import static org.deskplane.channel.libvirt.tests.GuestShell.IMAGES;
import static org.deskplane.channel.libvirt.tests.GuestShell.run;
import static org.deskplane.channel.libvirt.tests.GuestShell.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.deskplane.channel.api.HostChannel;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.modules.api.ModuleHost;
import org.deskplane.modules.api.ModuleInfo;
import org.deskplane.modules.api.ModulePolicies;
import org.deskplane.modules.api.ModuleRequest;
import org.deskplane.modules.api.ModuleState;
import org.deskplane.modules.api.ModuleStatus;
import org.deskplane.modules.api.ModuleTrust;
import org.deskplane.modules.api.PolicyRule;
import org.deskplane.modules.api.Verb;
import org.deskplane.qga.api.GuestAgentClient;
import org.deskplane.qga.api.GuestExecRequest;
import org.deskplane.qga.api.GuestExecResult;
import org.deskplane.qga.hypervisor.VmGuestAgents;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;

/**
 * A module requested from inside a real guest: the guest image runs under libvirt with its Deskplane agent; the
 * {@code deskplane-module} command in the guest asks the host for the sysinfo protocol module (signed by the build),
 * uploads it over the virtio-serial channel when the host lacks it and has it loaded, then calls the channel verb the
 * module added. The host verified the signature against its trust store and checked the VM's policy; the request
 * names the VM's owner as the host knows it.
 */
class GuestModuleTest {

    private static final String CONNECTION = "modules-qemu";
    private static final String TOOL = "/opt/deskplane/agent/bin/deskplane-module";

    @Test
    void theGuestToolUploadsAModuleOverTheChannelAndUsesTheVerbItAdds() throws Exception {
        Path image = GuestImage.directory();
        String uuid = UUID.randomUUID().toString();
        Files.createDirectories(IMAGES);
        Path overlay = IMAGES.resolve("modules-" + uuid + ".qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b",
                image.resolve("guest.qcow2").toRealPath().toString(), overlay.toString());
        byte[] module = Files.readAllBytes(Path.of(System.getProperty("deskplane.test.sysinfoModule")));
        trustTheTestCa();
        Services.service(ModulePolicies.class).put(new PolicyRule("guest-" + uuid.substring(0, 8), 10, Set.of(uuid),
                Set.of("*"), Set.of(Verb.QUERY, Verb.UPLOAD, Verb.LOAD, Verb.STATUS), Set.of("org.deskplane.module.*"),
                Set.of(), true));
        Configuration connectionConfig = Services.configureConnection(CONNECTION, "qemu:///system");
        HypervisorConnection connection = null;
        try {
            connection = Services.connected(CONNECTION);
            String xml = LibvirtGuestAgentTest.domainXml(uuid, image, overlay, IMAGES.resolve("modules-" + uuid + ".serial.log"))
                    .replace("<memory", "<metadata><dp:vm xmlns:dp='" + HypervisorConnection.METADATA_NAMESPACE + "'>"
                            + "<dp:entry key='owner'>dave</dp:entry></dp:vm></metadata><memory");
            connection.define(xml);
            Services.waitFor("the automatic agent channel setup", Services.TIMEOUT,
                    () -> LibvirtGuestAgentTest.hasSessionConfiguration(uuid));
            connection.start(uuid);
            HostChannel host = Services.service(HostChannel.class);
            waitFor("the agent in the guest authenticated", () -> host.agent(uuid).isConnected());

            try (GuestAgentClient qga = Services.service(VmGuestAgents.class).open(new VmId(CONNECTION, uuid))) {
                qga.writeFile("/tmp/sysinfo.jar", module);
                GuestExecResult query = tool(qga, "query org.deskplane.module.sysinfo");
                assertEquals(2, query.exitCode(), "not on the host yet: " + query.stdoutText() + query.stderrText());
                assertTrue(query.stdoutText().startsWith("NOT_FOUND"), query.stdoutText());

                GuestExecResult upload = tool(qga, "upload /tmp/sysinfo.jar --load");
                assertEquals(0, upload.exitCode(), "upload: " + upload.stdoutText() + upload.stderrText());

                GuestExecResult call = tool(qga, "call sysinfo.host --data deskplane");
                assertEquals(0, call.exitCode(), "call: " + call.stdoutText() + call.stderrText());
                assertTrue(call.stdoutText().contains("enalpksed"), "the module's verb answered: " + call.stdoutText());
            }
            ModuleHost modules = Services.service(ModuleHost.class);
            ModuleInfo loaded = modules.modules().stream()
                    .filter(m -> m.symbolicName().equals("org.deskplane.module.sysinfo")).findFirst().orElseThrow();
            assertEquals(ModuleState.LOADED, loaded.state());
            assertEquals("CN=Deskplane Test Module Signer,O=Deskplane", loaded.signer());
            List<ModuleRequest> requests = modules.requests(uuid, 20);
            ModuleRequest uploadRequest = requests.stream().filter(r -> r.verb() == Verb.UPLOAD).findFirst().orElseThrow();
            assertEquals(ModuleStatus.OK, uploadRequest.status());
            assertEquals("dave", uploadRequest.requester().user(), "the user is the VM's owner as the host knows it");
            modules.unload(org.deskplane.modules.api.Requester.administrator("test", "test"), loaded.symbolicName(),
                    loaded.version());
        } finally {
            TestVms.remove(connection, uuid);
            connectionConfig.delete();
            Files.deleteIfExists(overlay);
        }
    }

    private static GuestExecResult tool(GuestAgentClient qga, String arguments) throws Exception {
        // the JVM of the command starts slowly under TCG
        return qga.exec(GuestExecRequest.of("/bin/sh", "-c", TOOL + " " + arguments).withTimeout(Duration.ofMinutes(3)));
    }

    private static void trustTheTestCa() throws Exception {
        ModuleTrust trust = Services.service(ModuleTrust.class);
        if (trust.trusted().stream().noneMatch(c -> c.alias().equals("deskplane-test-ca"))) {
            trust.add("deskplane-test-ca", Files.readAllBytes(Path.of(System.getProperty("deskplane.test.signingDir"),
                    "deskplane-test-ca.pem")));
        }
    }
}
