package org.deskplane.agent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher {@code releng/scripts/deskplane-agent} as a user runs it. Bad options stop it with a message that
 * names the problem. Good ones must arrive as the {@code deskplane.agent.*} properties the agent bundle reads: to
 * see them without a built product, it is pointed at a stand-in product whose "framework" jar has no main class,
 * and {@code -XshowSettings:properties} makes the JVM print its system properties before it gives up on that jar.
 */
class LauncherOptionsTest {
    private static final Pattern PROPERTY = Pattern.compile("^\\s+(deskplane\\.[\\w.]+) = (.*)$");

    private Path launcher;
    private Path work;

    @BeforeEach
    void setUp() throws IOException {
        String script = System.getProperty("deskplane.test.agentLauncher");
        assertNotNull(script, "system property deskplane.test.agentLauncher not set (see pom.xml)");
        launcher = Path.of(script).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(launcher), launcher + " missing");
        Path base = Path.of(System.getProperty("deskplane.test.workDir", System.getProperty("java.io.tmpdir")));
        work = Files.createTempDirectory(Files.createDirectories(base), "launcher-");
    }

    @Test
    void unknownOptionIsRefusedByName() throws Exception {
        Run run = run(Map.of(), "--vm-id", "desk-01", "--socket-path", "/tmp/x.sock");
        assertEquals(2, run.exitCode, run.output);
        assertTrue(run.output.contains("unknown option '--socket-path'"), run.output);
        assertTrue(run.output.contains("--help"), run.output);
    }

    @Test
    void optionWithoutItsValueSaysWhatIsMissing() throws Exception {
        Run noId = run(Map.of(), "--vm-id");
        assertFalse(noId.exitCode == 0, noId.output);
        assertTrue(noId.output.contains("--vm-id needs an id"), noId.output);
        Run noSocket = run(Map.of(), "--vm-id", "desk-01", "--socket");
        assertFalse(noSocket.exitCode == 0, noSocket.output);
        assertTrue(noSocket.output.contains("--socket needs a path"), noSocket.output);
    }

    @Test
    void unreadableKeyFileIsNamed() throws Exception {
        Path missing = work.resolve("no-such.key");
        Run run = run(Map.of(), "--vm-id", "desk-01", "--key-file", missing.toString(), "--product", standInProduct().toString());
        assertEquals(1, run.exitCode, run.output);
        assertTrue(run.output.contains("cannot read the key file " + missing), run.output);
    }

    @Test
    void missingProductSaysHowToBuildIt() throws Exception {
        Path empty = Files.createDirectories(work.resolve("empty-product"));
        Run run = run(Map.of(), "--vm-id", "desk-01", "--key-file", key().toString(), "--product", empty.toString());
        assertEquals(1, run.exitCode, run.output);
        assertTrue(run.output.contains("no agent product in " + empty), run.output);
        assertTrue(run.output.contains("build it first"), run.output);
    }

    @Test
    void helpListsTheOptions() throws Exception {
        Run run = run(Map.of(), "--help");
        assertEquals(0, run.exitCode, run.output);
        for (String option : List.of("--vm-id", "--key-file", "--socket", "--device", "--data-dir", "--product")) {
            assertTrue(run.output.contains(option), option + " not in help: " + run.output);
        }
    }

    @Test
    void optionsBecomeTheAgentsLauncherProperties() throws Exception {
        Files.writeString(work.resolve("desk.key"), "c2VjcmV0\n");
        Run run = run(Map.of("DESKPLANE_JAVA_OPTS", "-XshowSettings:properties"), "--vm-id", "desk-01", "--key-file", "desk.key",
                "--socket", "/run/deskplane/desk-01.sock", "--data-dir", "agent-data", "--product", standInProduct().toString());
        Map<String, String> properties = properties(run);
        assertEquals("desk-01", properties.get("deskplane.agent.vmId"), run.output);
        // relative paths are made absolute: the framework's working directory is not the user's
        assertEquals(work.resolve("desk.key").toRealPath().toString(), properties.get("deskplane.agent.keyFile"));
        assertEquals("/run/deskplane/desk-01.sock", properties.get("deskplane.agent.socket"));
        assertFalse(properties.containsKey("deskplane.agent.device"), properties.toString());
        assertEquals(work.resolve("agent-data").toRealPath().toString(), properties.get("deskplane.data"));
    }

    @Test
    void deviceInsteadOfSocket() throws Exception {
        Run run = run(Map.of("DESKPLANE_JAVA_OPTS", "-XshowSettings:properties"), "--vm-id", "desk-03", "--key-file",
                key().toString(), "--device", "/dev/vport0p1", "--product", standInProduct().toString());
        Map<String, String> properties = properties(run);
        assertEquals("/dev/vport0p1", properties.get("deskplane.agent.device"), run.output);
        assertFalse(properties.containsKey("deskplane.agent.socket"), properties.toString());
    }

    @Test
    void withoutVmIdTheHostNameIsUsed() throws Exception {
        Run hostname = runCommand(List.of("hostname"), Map.of());
        assertEquals(0, hostname.exitCode, hostname.output);
        Run run = run(Map.of("DESKPLANE_JAVA_OPTS", "-XshowSettings:properties"), "--key-file", key().toString(), "--product",
                standInProduct().toString());
        assertEquals(hostname.output.strip(), properties(run).get("deskplane.agent.vmId"), run.output);
    }

    private Map<String, String> properties(Run run) {
        // the stand-in jar has no main class, so the JVM always fails after printing its settings
        assertTrue(run.output.contains("no main manifest attribute"), run.output);
        Map<String, String> properties = new HashMap<>();
        for (String line : run.output.split("\n")) {
            Matcher m = PROPERTY.matcher(line);
            if (m.matches()) {
                properties.put(m.group(1), m.group(2));
            }
        }
        return properties;
    }

    private Path key() throws IOException {
        Path key = work.resolve("agent.key");
        Files.writeString(key, "c2VjcmV0\n");
        return key;
    }

    /** A directory shaped like the materialized agent product, with a framework jar that has no main class. */
    private Path standInProduct() throws IOException {
        Path product = work.resolve("stand-in-product");
        Files.createDirectories(product.resolve("configuration"));
        Files.writeString(product.resolve("configuration/config.ini"), "# stand-in\n");
        Path plugins = Files.createDirectories(product.resolve("plugins"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(plugins.resolve("org.eclipse.osgi_0.0.0.jar"));
                JarOutputStream jar = new JarOutputStream(out, manifest)) {
            // nothing but the manifest
        }
        return product;
    }

    private Run run(Map<String, String> env, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(options));
        return runCommand(command, env);
    }

    private Run runCommand(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        builder.environment().remove("DESKPLANE_AGENT_ARGS");
        builder.environment().remove("DESKPLANE_JAVA_OPTS");
        builder.environment().put("DESKPLANE_AGENT_DATA", work.resolve("default-data").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        // read before waiting, so a full pipe cannot block the script
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within 120 s: " + output);
        }
        return new Run(process.exitValue(), output);
    }

    private record Run(int exitCode, String output) {
    }
}
