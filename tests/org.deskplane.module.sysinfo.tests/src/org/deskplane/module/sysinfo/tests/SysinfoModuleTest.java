package org.deskplane.module.sysinfo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.deskplane.channel.api.ChannelMessage;
import org.deskplane.channel.api.MessageHandler;
import org.deskplane.modules.testing.BuiltModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The sysinfo module as built (signed jar) in a real framework: a guest's {@code sysinfo.host} request reaches a
 * handler that did not exist before the module was loaded.
 */
class SysinfoModuleTest {

    private static final String VERB = "sysinfo.host";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static BundleContext context;
    private static Path jar;
    private static Bundle module;

    @BeforeAll
    static void installModule() throws Exception {
        context = FrameworkUtil.getBundle(SysinfoModuleTest.class).getBundleContext();
        jar = BuiltModule.path("deskplane.test.moduleJar");
        assertNull(handler(Duration.ZERO), "no " + VERB + " handler before the module is loaded");
        module = BuiltModule.install(context, jar);
        module.start();
    }

    @AfterAll
    static void uninstallModule() throws Exception {
        if (module != null) {
            module.uninstall();
        }
    }

    @Test
    void answersTheNewVerbWithHostFactsAndThePayloadReversed() throws Exception {
        MessageHandler handler = handler(WAIT);
        assertNotNull(handler, "the module registers a " + VERB + " handler");
        String payload = "ping from guest 42 \u00e9\uD83D\uDE00";
        byte[] answer = handler.handle(new ChannelMessage(VERB, 7, payload.getBytes(StandardCharsets.UTF_8)), null)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        JsonNode json = new ObjectMapper().readTree(answer);
        assertEquals(VERB, json.get("verb").asText());
        assertEquals("\uD83D\uDE00\u00e9 24 tseug morf gnip", json.get("echoReversed").asText(),
                "the payload comes back reversed (by code point): " + json);
        assertEquals(Runtime.getRuntime().availableProcessors(), json.get("availableProcessors").asInt());
        assertEquals(java.net.InetAddress.getLocalHost().getHostName(), json.get("host").asText());
        assertTrue(json.get("jvmUptimeMillis").asLong() > 0, "uptime of the JVM: " + json);
        assertTrue(json.get("hostUptimeSeconds").asLong() > 0, "the host's uptime from /proc/uptime: " + json);
    }

    @Test
    void refusesAPayloadOverTheLimit() throws Exception {
        MessageHandler handler = handler(WAIT);
        assertNotNull(handler);
        byte[] tooLarge = new byte[4097];
        CompletionException failure = assertThrows(CompletionException.class,
                () -> handler.handle(new ChannelMessage(VERB, 8, tooLarge), null).toCompletableFuture().join());
        assertInstanceOf(IllegalArgumentException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains("4097"), failure.getCause().getMessage());
    }

    @Test
    void theVerbIsGoneWhileTheModuleIsStopped() throws Exception {
        assertNotNull(handler(WAIT));
        module.stop();
        try {
            assertNull(handler(Duration.ZERO), "a stopped module answers nothing");
        } finally {
            module.start();
        }
        assertNotNull(handler(WAIT), "and answers again once started");
    }

    @Test
    void everyEntryOfTheModuleJarIsSignedByTheTestSigner() throws Exception {
        List<String> subjects = BuiltModule.signerSubjects(jar);
        assertTrue(subjects.size() >= 3, "classes, component XML and manifest entries: " + subjects);
        for (String subject : subjects) {
            assertTrue(subject.contains("CN=Deskplane Test Module Signer"), "signed by the test signer: " + subject);
        }
    }

    @Test
    void theModuleImportsOnlyApiPackages() {
        List<String> imports = BuiltModule.importedPackages(module.getHeaders("").get("Import-Package"));
        assertFalse(imports.isEmpty());
        for (String name : imports) {
            assertTrue(name.startsWith("org.osgi.") || name.equals("org.deskplane.channel.api")
                    || name.startsWith("org.deskplane.") && name.endsWith(".api"),
                    "the isolated region grants only API packages, not " + name + " (imports: " + imports + ")");
        }
    }

    private static MessageHandler handler(Duration wait) throws Exception {
        Filter filter = context.createFilter("(&(objectClass=" + MessageHandler.class.getName() + ")("
                + MessageHandler.MESSAGE_TYPE + "=" + VERB + "))");
        ServiceTracker<MessageHandler, MessageHandler> tracker = new ServiceTracker<>(context, filter, null);
        tracker.open();
        try {
            return wait.isZero() ? tracker.getService() : tracker.waitForService(wait.toMillis());
        } finally {
            tracker.close();
        }
    }
}
