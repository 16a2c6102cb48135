package org.deskplane.delivery.qga.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PayloadFile;
import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.api.PayloadRef;
import org.deskplane.delivery.api.PayloadRepository;
import org.deskplane.delivery.api.Step;
import org.deskplane.delivery.spi.VmTarget;
import org.deskplane.hypervisor.api.ChannelInfo;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.deskplane.hypervisor.api.VmId;
import org.deskplane.hypervisor.api.VmInfo;
import org.deskplane.hypervisor.api.VmState;

/** Test payloads and VM descriptions (the processor reaches the agent through its socket, never the connection). */
final class Guests {

    private Guests() {
    }

    static VmTarget vm(String name, VmState state) {
        VmId id = new VmId("test", "00000000-0000-0000-0000-00000000000" + Math.abs(name.hashCode() % 10));
        VmInfo info = new VmInfo(id, name, state, true, false, 1, 1024, List.of(),
                List.of(new ChannelInfo("unix", QgaGuestProcessor.AGENT_CHANNEL, "/unused")), Map.of());
        HypervisorConnection none = (HypervisorConnection) Proxy.newProxyInstance(Guests.class.getClassLoader(),
                new Class<?>[] { HypervisorConnection.class }, (p, m, a) -> {
                    throw new UnsupportedOperationException("the qga path must not use the hypervisor: " + m.getName());
                });
        return new VmTarget(id, info, none);
    }

    /** A payload folder as the repository keeps it: the files plus the completed manifest. */
    static Payload payload(Path content, String id, Map<String, String> files, List<Step> steps) throws Exception {
        List<PayloadFile> listed = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = content.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
            byte[] bytes = Files.readAllBytes(file);
            listed.add(new PayloadFile(f.getKey(), bytes.length,
                    java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes))));
        }
        PayloadManifest manifest = new PayloadManifest(id, "1", "test", listed, steps, false, null);
        Files.write(content.resolve(PayloadManifest.FILE_NAME), manifest.toBytes());
        return new Payload(manifest, "DP_TEST", 0, "", Instant.parse("2026-11-22T00:00:00Z"));
    }

    /** Serves one payload's content folder: the collaborator qga-copy reads the files from. */
    static PayloadRepository repository(Payload payload, Path content) {
        return new PayloadRepository() {
            @Override
            public List<Payload> list() {
                return List.of(payload);
            }

            @Override
            public Optional<Payload> find(PayloadRef ref) {
                return Optional.of(payload).filter(p -> p.ref().equals(ref));
            }

            @Override
            public Path contentDirectory(PayloadRef ref) {
                return content;
            }

            @Override
            public Payload importDirectory(Path folder) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Payload importArchive(InputStream zip, long maxBytes) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Path image(PayloadRef ref, LongConsumer progress) throws DeliveryException {
                throw new UnsupportedOperationException();
            }

            @Override
            public void delete(PayloadRef ref) {
                throw new UnsupportedOperationException();
            }
        };
    }

    static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var walk = Files.walk(root)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
