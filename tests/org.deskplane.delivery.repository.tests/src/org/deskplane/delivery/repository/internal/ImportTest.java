package org.deskplane.delivery.repository.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.deskplane.delivery.api.DeliveryException;
import org.deskplane.delivery.api.DeliveryException.Reason;
import org.deskplane.delivery.api.Payload;
import org.deskplane.delivery.api.PayloadFile;
import org.deskplane.delivery.api.PayloadManifest;
import org.deskplane.delivery.api.PayloadRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportTest {

    @TempDir
    Path temp;

    @Test
    void importedFolderIsCopiedReadOnlyWithACompletedManifest() throws Exception {
        Path source = Fixtures.payloadFolder(temp.resolve("src"), "office-patch", "1.0", "");
        FilePayloadRepository repository = Fixtures.repository(temp.resolve("repo"));

        Payload payload = repository.importDirectory(source);

        assertEquals(new PayloadRef("office-patch", "1.0"), payload.ref());
        assertEquals(List.of("Grüße dir/file with space 日本.txt", "conf/app.conf", "install.sh"),
                payload.manifest().files().stream().map(PayloadFile::path).toList());
        for (PayloadFile file : payload.manifest().files()) {
            Path original = source.resolve(file.path());
            assertEquals(Fixtures.sha256(original), file.sha256(), file.path());
            assertEquals(Files.size(original), file.size(), file.path());
        }
        Path content = repository.contentDirectory(payload.ref());
        assertEquals(temp.resolve("repo/office-patch/1.0/files"), content);
        byte[] stored = Files.readAllBytes(content.resolve(PayloadManifest.FILE_NAME));
        assertEquals(payload.manifest(), PayloadManifest.parse(stored), "the stored manifest is the completed one");
        assertEquals(VolumeLabels.of(stored), payload.volumeLabel());
        assertTrue(payload.volumeLabel().matches("DP_[0-9A-V]{13}"), payload.volumeLabel());
        assertEquals("r--r--r--", perms(content.resolve("conf/app.conf")));
        assertEquals("r-xr-xr-x", perms(content.resolve("install.sh")), "scripts stay executable");
        assertEquals(Fixtures.CLOCK.instant(), payload.created());
        assertTrue(Files.isRegularFile(temp.resolve("repo/office-patch/1.0/payload.properties")));
        assertEquals(List.of(payload), repository.list());

        // the copy is independent of the source folder
        Files.writeString(source.resolve("conf/app.conf"), "changed");
        assertEquals("answer=42\n", Files.readString(content.resolve("conf/app.conf")));
    }

    @Test
    void differentContentGivesADifferentLabel() throws Exception {
        FilePayloadRepository repository = Fixtures.repository(temp.resolve("repo"));
        Payload one = repository.importDirectory(Fixtures.payloadFolder(temp.resolve("a"), "p", "1", ""));
        Path b = Fixtures.payloadFolder(temp.resolve("b"), "p", "2", "");
        Payload two = repository.importDirectory(b);
        Files.writeString(b.resolve("conf/app.conf"), "answer=43\n");
        Files.writeString(b.resolve("deskplane-payload.conf"), Files.readString(b.resolve("deskplane-payload.conf")).replace("version = 2", "version = 3"));
        Payload three = repository.importDirectory(b);
        assertNotEquals(one.volumeLabel(), two.volumeLabel());
        assertNotEquals(two.volumeLabel(), three.volumeLabel());
        assertEquals(3, repository.list().size());
    }

    @Test
    void authorHashesAreCheckedAndAMismatchNamesTheFile() throws Exception {
        String good = Fixtures.sha256("answer=42\n".getBytes(StandardCharsets.UTF_8));
        byte[] script = "#!/bin/sh\necho installing \"$@\"\n".getBytes(StandardCharsets.UTF_8);
        // an author who lists files lists every file a step names (the manifest parser insists)
        String installLine = "file = " + Fixtures.sha256(script) + " " + script.length + " install.sh\n";
        FilePayloadRepository repository = Fixtures.repository(temp.resolve("repo"));
        Payload ok = repository.importDirectory(Fixtures.payloadFolder(temp.resolve("ok"), "p", "1",
                installLine + "file = " + good + " 10 conf/app.conf\n"));
        assertEquals(good, ok.manifest().file("conf/app.conf").sha256());

        String wrong = "0".repeat(64);
        Path bad = Fixtures.payloadFolder(temp.resolve("bad"), "p", "2", installLine + "file = " + wrong + " 10 conf/app.conf\n");
        DeliveryException e = assertThrows(DeliveryException.class, () -> repository.importDirectory(bad));
        assertEquals(Reason.INVALID, e.reason());
        assertTrue(e.getMessage().contains("conf/app.conf"), e.getMessage());
        assertNothingLeft(repository, 1);

        Path missing = Fixtures.payloadFolder(temp.resolve("missing"), "p", "3", installLine + "file = " + good + " 10 conf/app.conf\nfile = " + good + " 10 conf/other.conf\n");
        e = assertThrows(DeliveryException.class, () -> repository.importDirectory(missing));
        assertTrue(e.getMessage().contains("conf/other.conf"), e.getMessage());
        assertNothingLeft(repository, 1);
    }

    @Test
    void badFoldersAreRefusedAndLeaveNothing() throws Exception {
        FilePayloadRepository repository = Fixtures.repository(temp.resolve("repo"));

        Path noManifest = Fixtures.payloadFolder(temp.resolve("nomanifest"), "p", "1", "");
        Files.delete(noManifest.resolve("deskplane-payload.conf"));
        assertInvalid(() -> repository.importDirectory(noManifest), "deskplane-payload.conf");

        Path badStep = Fixtures.payloadFolder(temp.resolve("badstep"), "p", "1", "run = missing.sh\n");
        assertInvalid(() -> repository.importDirectory(badStep), "missing.sh");

        Path syntax = Fixtures.payloadFolder(temp.resolve("syntax"), "p", "1", "colour = blue\n");
        assertInvalid(() -> repository.importDirectory(syntax), "line");

        Path symlink = Fixtures.payloadFolder(temp.resolve("symlink"), "p", "1", "");
        Files.createSymbolicLink(symlink.resolve("conf/passwd"), Path.of("/etc/passwd"));
        assertInvalid(() -> repository.importDirectory(symlink), "conf/passwd");

        Path fifo = Fixtures.payloadFolder(temp.resolve("fifo"), "p", "1", "");
        Fixtures.run("mkfifo", fifo.resolve("pipe").toString());
        assertInvalid(() -> repository.importDirectory(fifo), "pipe");

        assertInvalid(() -> repository.importDirectory(temp.resolve("does-not-exist")), "not a folder");
        assertNothingLeft(repository, 0);
    }

    @Test
    void tooManyFilesOrBytesAreRefused() throws Exception {
        Path source = Fixtures.payloadFolder(temp.resolve("src"), "p", "1", "");
        FilePayloadRepository few = new FilePayloadRepository(temp.resolve("few"), new ImportLimits(1 << 20, 1 << 20, 3),
                new IsoBuilderImageWriter(), Fixtures.CLOCK);
        assertInvalid(() -> few.importDirectory(source), "more than 3");
        FilePayloadRepository small = new FilePayloadRepository(temp.resolve("small"), new ImportLimits(1 << 20, 12, 100),
                new IsoBuilderImageWriter(), Fixtures.CLOCK);
        assertInvalid(() -> small.importDirectory(source), "larger than 12 bytes");
        assertNothingLeft(few, 0);
        assertNothingLeft(small, 0);
    }

    @Test
    void importingAnExistingVersionIsAConflictAndKeepsTheFirst() throws Exception {
        FilePayloadRepository repository = Fixtures.repository(temp.resolve("repo"));
        Payload first = repository.importDirectory(Fixtures.payloadFolder(temp.resolve("a"), "p", "1", ""));
        Path again = Fixtures.payloadFolder(temp.resolve("b"), "p", "1", "");
        Files.writeString(again.resolve("conf/app.conf"), "other\n");
        DeliveryException e = assertThrows(DeliveryException.class, () -> repository.importDirectory(again));
        assertEquals(Reason.CONFLICT, e.reason());
        assertEquals(List.of(first), repository.list());
        assertEquals("answer=42\n", Files.readString(repository.contentDirectory(first.ref()).resolve("conf/app.conf")));
        assertNothingLeft(repository, 1);
    }

    @Test
    void zipArchivesAreImported() throws Exception {
        FilePayloadRepository repository = Fixtures.repository(temp.resolve("repo"));
        byte[] zip = Fixtures.zip(Fixtures.zipEntries("zipped", "2.0"));
        Payload payload = repository.importArchive(new ByteArrayInputStream(zip), zip.length);
        assertEquals(List.of("bin/setup.sh", "data/readme.txt"), payload.manifest().files().stream().map(PayloadFile::path).toList());
        assertEquals(Fixtures.sha256("echo set up\n".getBytes(StandardCharsets.UTF_8)), payload.manifest().file("bin/setup.sh").sha256());
        assertEquals("read me\n", Files.readString(repository.contentDirectory(payload.ref()).resolve("data/readme.txt")));
    }

    @Test
    void zipSlipIsRefused() throws Exception {
        FilePayloadRepository repository = Fixtures.repository(temp.resolve("repo"));
        for (String evil : List.of("../evil.sh", "bin/../../evil.sh", "/tmp/evil.sh", "bin\\..\\..\\evil.sh")) {
            Map<String, byte[]> entries = Fixtures.zipEntries("slip", "1");
            entries.put(evil, "rm -rf /\n".getBytes(StandardCharsets.UTF_8));
            byte[] zip = Fixtures.zip(entries);
            assertInvalid(() -> repository.importArchive(new ByteArrayInputStream(zip), zip.length), "unsafe archive entry");
        }
        assertFalse(Files.exists(temp.resolve("evil.sh")));
        assertFalse(Files.exists(temp.resolve("repo/evil.sh")));
        assertNothingLeft(repository, 0);
    }

    @Test
    void zipBombsStopAtTheBounds() throws Exception {
        Map<String, byte[]> entries = Fixtures.zipEntries("bomb", "1");
        entries.put("zeros.bin", new byte[16 << 20]); // 16 MiB of zeros: a few KiB compressed
        byte[] zip = Fixtures.zip(entries);
        assertTrue(zip.length < 100_000, "the archive is small: " + zip.length);
        FilePayloadRepository repository = new FilePayloadRepository(temp.resolve("repo"), new ImportLimits(1 << 30, 1 << 20, 100),
                new IsoBuilderImageWriter(), Fixtures.CLOCK);
        assertInvalid(() -> repository.importArchive(new ByteArrayInputStream(zip), zip.length), "larger than 1048576 bytes");

        // the caller's byte bound and the entry bound hold too
        byte[] small = Fixtures.zip(Fixtures.zipEntries("small", "1"));
        assertInvalid(() -> repository.importArchive(new ByteArrayInputStream(small), small.length / 2), "archive larger than");
        FilePayloadRepository fewEntries = new FilePayloadRepository(temp.resolve("few"), new ImportLimits(1 << 30, 1 << 30, 2),
                new IsoBuilderImageWriter(), Fixtures.CLOCK);
        assertInvalid(() -> fewEntries.importArchive(new ByteArrayInputStream(small), small.length), "more than 2 entries");
        assertInvalid(() -> repository.importArchive(new ByteArrayInputStream("not a zip".getBytes()), 100), "zip");
        assertNothingLeft(repository, 0);
        assertNothingLeft(fewEntries, 0);
    }

    @Test
    void restartKeepsPayloadsAndEmptiesStaging() throws Exception {
        Path root = temp.resolve("repo");
        FilePayloadRepository first = Fixtures.repository(root);
        Payload payload = first.importDirectory(Fixtures.payloadFolder(temp.resolve("src"), "p", "1", ""));
        first.image(payload.ref(), null);
        Payload withImage = first.find(payload.ref()).orElseThrow();
        Files.createDirectories(root.resolve(".staging/left-over/files"));
        Files.writeString(root.resolve(".staging/left-over/files/x"), "half an import");

        FilePayloadRepository second = Fixtures.repository(root);
        assertEquals(List.of(withImage), second.list());
        assertTrue(withImage.imageSize() > 0);
        assertEquals(List.of(), Fixtures.tree(root.resolve(".staging")));
    }

    @Test
    void deleteRemovesThePayloadUnlessItIsInUse() throws Exception {
        FilePayloadRepository repository = Fixtures.repository(temp.resolve("repo"));
        Payload payload = repository.importDirectory(Fixtures.payloadFolder(temp.resolve("src"), "p", "1", ""));
        repository.image(payload.ref(), null);
        repository.setInUseCheck(ref -> ref.equals(payload.ref()));
        DeliveryException e = assertThrows(DeliveryException.class, () -> repository.delete(payload.ref()));
        assertEquals(Reason.CONFLICT, e.reason());
        assertTrue(Files.isDirectory(temp.resolve("repo/p/1")));

        repository.setInUseCheck(null);
        repository.delete(payload.ref());
        assertTrue(repository.find(payload.ref()).isEmpty());
        assertNothingLeft(repository, 0);
        assertEquals(Reason.NOT_FOUND, assertThrows(DeliveryException.class, () -> repository.delete(payload.ref())).reason());
        assertEquals(Reason.NOT_FOUND, assertThrows(DeliveryException.class, () -> repository.image(payload.ref(), null)).reason());
        // the same id and version can come again
        repository.importDirectory(temp.resolve("src"));
    }

    private static void assertInvalid(org.junit.jupiter.api.function.Executable call, String inMessage) {
        DeliveryException e = assertThrows(DeliveryException.class, call);
        assertEquals(Reason.INVALID, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(inMessage), "'" + inMessage + "' not in: " + e.getMessage());
    }

    /** The repository holds exactly {@code payloads} payload folders and an empty staging area. */
    private static void assertNothingLeft(FilePayloadRepository repository, int payloads) throws Exception {
        assertEquals(List.of(), Fixtures.tree(repository.root().resolve(".staging")), "staging is empty");
        try (var ids = Files.list(repository.root())) {
            long versions = 0;
            for (Path id : ids.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                try (var list = Files.list(id)) {
                    versions += list.count();
                }
            }
            assertEquals(payloads, versions, "payload folders");
        }
        assertEquals(payloads, repository.list().size());
    }

    private static String perms(Path file) throws Exception {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
