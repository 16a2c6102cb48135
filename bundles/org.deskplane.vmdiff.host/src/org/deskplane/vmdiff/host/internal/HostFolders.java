package org.deskplane.vmdiff.host.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

import org.deskplane.vmdiff.api.RunLease;

/**
 * A host's working files beside its copy: the overlays of running VMs ({@code run/}), memory states being captured
 * ({@code suspending/}), the leases this host holds ({@code leases/}, so it can resume those VMs while the server is
 * away), pushes still owed to the server ({@code pending/}), and trigger files ({@code triggers/}).
 */
final class HostFolders {
    final Path root;

    HostFolders(Path root) throws IOException {
        this.root = root;
        for (String folder : new String[] { "run", "suspending", "leases", "pending", "triggers" }) {
            Files.createDirectories(root.resolve(folder));
        }
    }

    Path working(String vm) {
        return root.resolve("run").resolve(vm + ".qcow2");
    }

    Path runInfo(String vm) {
        return root.resolve("run").resolve(vm + ".properties");
    }

    Path savedState(String vm) {
        return root.resolve("suspending").resolve(vm + ".save");
    }

    Path triggers() {
        return root.resolve("triggers");
    }

    Path pending(String vm) {
        return root.resolve("pending").resolve(vm);
    }

    void keepLease(RunLease lease) throws IOException {
        Properties p = new Properties();
        p.setProperty("holder", lease.holder());
        p.setProperty("token", Long.toString(lease.token()));
        write(root.resolve("leases").resolve(lease.vm()), p);
    }

    Optional<RunLease> lease(String vm) throws IOException {
        Path file = root.resolve("leases").resolve(vm);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = read(file);
        return Optional.of(new RunLease(vm, p.getProperty("holder", ""), Long.parseLong(p.getProperty("token", "0"))));
    }

    /** The VMs whose lease this host holds. */
    java.util.List<String> heldLeases() throws IOException {
        return names(root.resolve("leases"));
    }

    /** The VMs whose newest generation the server has not taken yet. */
    java.util.List<String> owedPushes() throws IOException {
        return names(root.resolve("pending"));
    }

    private static java.util.List<String> names(Path folder) throws IOException {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (var files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.startsWith(".")) { // temp files of an atomic write
                    names.add(name);
                }
            }
        }
        return names;
    }

    void dropLease(String vm) throws IOException {
        Files.deleteIfExists(root.resolve("leases").resolve(vm));
    }

    Path domainXml(String vm) {
        return root.resolve("run").resolve(vm + ".xml");
    }

    /** What a running VM was started from: base hash and format, domain UUID and XML. */
    void writeRunInfo(String vm, String baseSha256, String baseFormat, String uuid, String domainXml) throws IOException {
        Files.writeString(domainXml(vm), domainXml, StandardCharsets.UTF_8);
        Properties p = new Properties();
        p.setProperty("baseSha256", baseSha256);
        p.setProperty("baseFormat", baseFormat);
        p.setProperty("uuid", uuid);
        write(runInfo(vm), p);
    }

    Properties runInfoOf(String vm) throws IOException {
        return read(runInfo(vm));
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        return p;
    }

    private static void write(Path file, Properties p) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (var out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            p.store(out, null);
        }
        try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
