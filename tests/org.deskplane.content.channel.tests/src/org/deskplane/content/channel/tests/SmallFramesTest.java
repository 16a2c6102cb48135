package org.deskplane.content.channel.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.deskplane.channel.api.HostChannel;
import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.ContentView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A host channel configured for 16 KiB frames (replacing the running host channel service, which the content source
 * must follow): read chunks and listing pages of the default size do not fit, and the host must shrink them itself.
 */
class SmallFramesTest {
    private static final String VM = "5c0ffee0-bbbb-4bbb-8ccc-0123456789ab";
    private static final BundleContext CONTEXT = FrameworkUtil.getBundle(SmallFramesTest.class).getBundleContext();

    @TempDir
    static Path root;
    private static Configuration hostConfig;
    private static AgentRig rig;

    @BeforeAll
    static void start() throws Exception {
        ConfigurationAdmin cm = CONTEXT.getService(CONTEXT.getServiceReference(ConfigurationAdmin.class));
        long before = hostChannelId();
        hostConfig = cm.getConfiguration("org.deskplane.channel.host", "?");
        hostConfig.update(new Hashtable<>(Map.of("maxFrame", 16 << 10)));
        AgentRig.await("a new host channel with small frames", () -> hostChannelId() != before);
        RandomTree.write(root, new Random(7));
        rig = new AgentRig(VM, root);
    }

    @AfterAll
    static void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
        long before = hostChannelId();
        hostConfig.delete();
        AgentRig.await("the default host channel back", () -> hostChannelId() != before);
    }

    private static long hostChannelId() {
        ServiceReference<HostChannel> ref = CONTEXT.getServiceReference(HostChannel.class);
        return ref == null ? -1 : (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    @Test
    void readsAndListsThroughFramesSmallerThanChunksAndPages() throws Exception {
        try (ContentView view = rig.source.open(rig.location())) {
            AgentRig.await("the guest serves the test tree", () -> view.stat("/" + RandomTree.BIG).size() == RandomTree.BIG_SIZE);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (ContentReader reader = view.open("/" + RandomTree.BIG)) {
                byte[] buffer = new byte[100_000];
                long position = 0;
                int n;
                while ((n = reader.read(position, buffer, 0, buffer.length)) > 0) {
                    digest.update(buffer, 0, n);
                    position += n;
                }
                assertEquals(RandomTree.BIG_SIZE, position);
            }
            byte[] expected = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(root.resolve(RandomTree.BIG)));
            assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(digest.digest()));
            List<String> names = view.list("/" + RandomTree.CROWDED).stream().map(ContentEntry::name).toList();
            try (var children = Files.list(root.resolve(RandomTree.CROWDED))) {
                assertEquals(children.map(p -> p.getFileName().toString()).sorted().toList(), names);
            }
        }
    }
}
