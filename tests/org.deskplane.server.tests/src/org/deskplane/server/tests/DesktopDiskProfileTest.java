package org.deskplane.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A powered-off desktop's files through the Profile API, read from its virtual disk: a GPT disk with an ext4
 * partition made by {@code mkfs.ext4 -d} from a random tree, converted to qcow2, attached to a VM defined on a
 * demo {@code test:///} host with {@code owner} metadata. Every file's listing, size, modification time and SHA-256
 * through the API equal the tree's; the owner sees the desktop, another user does not. Its second disk (VMDK, MBR
 * with a FAT and an NTFS partition) is a data source of its own whose root shows one folder per volume.
 */
class DesktopDiskProfileTest extends SignedInAsAdmin {

    private static Path work;
    private static Path tree;
    private static Path fatTree;
    private static Path ntfsTree;
    private static String uuid;

    @BeforeAll
    static void makeDiskAndDesktop() throws Exception {
        work = Files.createTempDirectory("deskplane-desktop-disk-");
        tree = Files.createDirectories(work.resolve("tree"));
        Random random = new Random(777);
        Path deep = tree;
        for (int i = 0; i < 15; i++) {
            deep = Files.createDirectories(deep.resolve("d" + i));
            Files.write(deep.resolve("f" + i + ".bin"), ProfileApiTest.bytes(random, random.nextInt(40_000)));
        }
        Files.createDirectories(tree.resolve("Documents"));
        Files.writeString(tree.resolve("Documents/Ünïcødé — 日本語 ✓.txt"), "grüße aus der VM\n");
        Files.write(tree.resolve("Documents/report.bin"), ProfileApiTest.bytes(random, 2 * 1024 * 1024 + 5));
        Files.write(tree.resolve("empty"), new byte[0]);
        try (var walk = Files.walk(tree)) {
            for (Path p : walk.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2025-03-04T05:06:07Z")));
            }
        }
        Path ext = work.resolve("root.ext4");
        run("mkfs.ext4", "-q", "-F", "-L", "desktop-root", "-d", tree.toString(), ext.toString(), "48M");
        // a GPT disk: 1 MiB of table space, then the ext4 partition
        Path raw = work.resolve("disk.raw");
        run("truncate", "-s", "52M", raw.toString());
        run("sgdisk", "-n", "1:2048:+48M", "-t", "1:8300", "-c", "1:root", raw.toString());
        run("dd", "if=" + ext, "of=" + raw, "bs=1M", "seek=1", "conv=notrunc", "status=none");
        Path qcow2 = work.resolve("desktop.qcow2");
        run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw.toString(), qcow2.toString());

        // a data disk: MBR with a FAT partition and an NTFS partition, each filled from its own tree
        fatTree = Files.createDirectories(work.resolve("fat-tree"));
        Files.createDirectories(fatTree.resolve("Photos/2025"));
        Files.write(fatTree.resolve("Photos/2025/beach.jpg"), ProfileApiTest.bytes(random, 300_000));
        Files.writeString(fatTree.resolve("Notizen für später.txt"), "FAT long name\n");
        ntfsTree = Files.createDirectories(work.resolve("ntfs-tree"));
        Files.createDirectories(ntfsTree.resolve("Projects/Deskplane"));
        Files.write(ntfsTree.resolve("Projects/Deskplane/plan.bin"), ProfileApiTest.bytes(random, 1_234_567));
        Files.writeString(ntfsTree.resolve("Projects/readme.txt"), "NTFS\n");
        Path fat = work.resolve("data.fat");
        run("mkfs.vfat", "-C", "-n", "PHOTOS", fat.toString(), String.valueOf(20 * 1024));
        run("env", "MTOOLS_SKIP_CHECK=1", "mcopy", "-s", "-m", "-i", fat.toString(), fatTree.resolve("Photos").toString(),
                fatTree.resolve("Notizen für später.txt").toString(), "::/");
        Path ntfs = work.resolve("data.ntfs");
        run("truncate", "-s", "24M", ntfs.toString());
        run("mkntfs", "-F", "-f", "-q", "-L", "PROJECTS", ntfs.toString());
        Path mount = Files.createDirectories(work.resolve("ntfs-mount"));
        run("ntfs-3g", ntfs.toString(), mount.toString());
        try {
            run("cp", "-r", ntfsTree.resolve("Projects").toString(), mount.toString() + "/");
        } finally {
            run("umount", mount.toString());
        }
        Path dataRaw = work.resolve("data.raw");
        run("truncate", "-s", "48M", dataRaw.toString());
        Files.writeString(work.resolve("layout"), "label: dos\nstart=2048, size=40960, type=c\nstart=43008, size=49152, type=7\n");
        run("sh", "-c", "sfdisk -q " + dataRaw + " < " + work.resolve("layout"));
        run("dd", "if=" + fat, "of=" + dataRaw, "bs=512", "seek=2048", "conv=notrunc", "status=none");
        run("dd", "if=" + ntfs, "of=" + dataRaw, "bs=512", "seek=43008", "conv=notrunc", "status=none");
        Path dataDisk = work.resolve("data.vmdk");
        run("qemu-img", "convert", "-f", "raw", "-O", "vmdk", dataRaw.toString(), dataDisk.toString());

        uuid = UUID.randomUUID().toString();
        String xml = """
                <domain type='test'><name>disk-profile-SHORT</name><uuid>UUID</uuid>
                  <metadata><dp:vm xmlns:dp='http://deskplane.org/xmlns/hypervisor/1.0'><dp:entry key='owner'>admin</dp:entry><dp:entry key='applications'>LibreOffice Writer, Firefox</dp:entry></dp:vm></metadata>
                  <memory unit='MiB'>256</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>
                  <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='DISK'/><target dev='vda' bus='virtio'/></disk>
                    <disk type='file' device='disk'><driver name='qemu' type='vmdk'/><source file='DATA'/><target dev='vdb' bus='virtio'/></disk></devices>
                </domain>""".replace("SHORT", uuid.substring(0, 8)).replace("UUID", uuid).replace("DISK", qcow2.toString())
                .replace("DATA", dataDisk.toString());
        ApiClient.Response defined = api.postJson("/hypervisor/connections/demo-1/vms", adminToken, Map.of("xml", xml));
        assertEquals(201, defined.status(), defined.text());
    }

    @AfterAll
    static void removeDesktop() throws Exception {
        if (uuid != null) {
            api.send("DELETE", "/hypervisor/vms/demo-1/" + uuid, adminToken, null, null);
        }
    }

    @Test
    void aStoppedDesktopsFilesReadFromItsDiskEqualTheTree() throws Exception {
        String source = "vm:demo-1:" + uuid;
        ProfileApiTest.awaitSource(source);
        JsonNode desktop = null;
        for (JsonNode s : api.get("/profile/sources", adminToken).json()) {
            if (source.equals(s.get("id").asText())) {
                desktop = s;
            }
        }
        assertEquals("disk", desktop.get("backend").asText(), desktop.toString());
        assertEquals("DESKTOP", desktop.get("kind").asText());

        Map<String, String> expected = hashes(tree, "/");
        Map<String, Long> expectedTimes = new TreeMap<>();
        try (var walk = Files.walk(tree)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                expectedTimes.put("/" + tree.relativize(file), Files.getLastModifiedTime(file).toInstant().getEpochSecond());
            }
        }
        Map<String, String> actual = new TreeMap<>();
        Map<String, Long> actualTimes = new TreeMap<>();
        readAll(source, actual, actualTimes);
        assertEquals(expected, actual);
        assertEquals(expectedTimes, actualTimes);

        String text = new String(ProfileApiTest.get(source, "content", "/Documents/Ünïcødé — 日本語 ✓.txt").body(),
                StandardCharsets.UTF_8);
        assertEquals("grüße aus der VM\n", text);
        assertEquals(409, ProfileApiTest.sendBody("PUT", source, "content", "/Documents/new.txt", new byte[] { 1 }).status(),
                "a desktop's disk is never written");
    }

    @Test
    void theDesktopsApplicationsAreListed() throws Exception {
        String source = "vm:demo-1:" + uuid;
        ProfileApiTest.awaitSource(source);
        JsonNode applications = api.get("/profile/applications", adminToken).json();
        List<String> offered = new ArrayList<>();
        for (JsonNode application : applications) {
            if (source.equals(application.get("desktopId").asText())) {
                offered.add(application.get("name").asText());
            }
        }
        assertEquals(List.of("LibreOffice Writer", "Firefox"), offered, applications.toString());
    }

    @Test
    void aDataDiskWithTwoVolumesShowsOneFolderPerVolume() throws Exception {
        String source = "disk:demo-1:" + uuid + ":vdb";
        ProfileApiTest.awaitSource(source);
        JsonNode root = ProfileApiTest.get(source, "entries", "/").json();
        assertEquals(List.of("part1", "part2"), List.of(root.get(0).get("name").asText(), root.get(1).get("name").asText()));
        Map<String, String> expected = new TreeMap<>();
        expected.putAll(hashes(fatTree, "/part1/"));
        expected.putAll(hashes(ntfsTree, "/part2/"));
        Map<String, String> actual = new TreeMap<>();
        readAll(source, actual, new TreeMap<>());
        assertEquals(expected, actual);
    }

    private static Map<String, String> hashes(Path root, String prefix) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                hashes.put(prefix.substring(0, prefix.length() - 1) + "/" + root.relativize(file),
                        ProfileApiTest.sha256(Files.readAllBytes(file)));
            }
        }
        return hashes;
    }

    /** Every file below / of the source: its SHA-256 and modification second, through the API. */
    private static void readAll(String source, Map<String, String> actual, Map<String, Long> actualTimes) throws Exception {
        List<String> directories = new ArrayList<>(List.of("/"));
        while (!directories.isEmpty()) {
            String directory = directories.remove(0);
            ApiClient.Response listing = ProfileApiTest.get(source, "entries", directory);
            assertEquals(200, listing.status(), directory + ": " + listing.text());
            for (JsonNode entry : listing.json()) {
                String path = entry.get("path").asText();
                if (path.endsWith("/lost+found") || path.endsWith("/System Volume Information")) {
                    continue;
                }
                if ("DIRECTORY".equals(entry.get("type").asText())) {
                    directories.add(path);
                } else {
                    ApiClient.Response content = ProfileApiTest.get(source, "content", path);
                    assertEquals(200, content.status(), path + ": " + content.text());
                    actual.put(path, ProfileApiTest.sha256(content.body()));
                    actualTimes.put(path, Instant.parse(entry.get("modified").asText()).getEpochSecond());
                }
            }
        }
    }

    @Test
    void anotherUserDoesNotSeeTheDesktop() throws Exception {
        String source = "vm:demo-1:" + uuid;
        ProfileApiTest.awaitSource(source);
        ApiClient.Response created = api.postJson("/users", adminToken, Map.of("username", "bob-" + uuid.substring(0, 6),
                "password", "bob-password-123456", "role", "USER"));
        assertEquals(201, created.status(), created.text());
        String bob = api.login("bob-" + uuid.substring(0, 6), "bob-password-123456");
        String sources = api.get("/profile/sources", bob).text();
        assertFalse(sources.contains(uuid), sources);
        String bobsApplications = api.get("/profile/applications", bob).text();
        assertFalse(bobsApplications.contains(uuid), bobsApplications);
        assertEquals(404, api.get("/profile/sources/" + source + "/entries?path=/", bob).status());
        assertTrue(api.get("/profile/sources", adminToken).text().contains(uuid));
    }

    static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }
}
