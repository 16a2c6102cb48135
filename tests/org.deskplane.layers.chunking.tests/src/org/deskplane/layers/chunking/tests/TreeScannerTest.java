package org.deskplane.layers.chunking.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.deskplane.layers.api.EntryType;
import org.deskplane.layers.api.FileEntry;
import org.deskplane.layers.api.Layer;
import org.deskplane.layers.api.LayerManifest;
import org.deskplane.layers.chunking.Chunker;
import org.deskplane.layers.chunking.LayerClassifier;
import org.deskplane.layers.chunking.TreeScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeScannerTest {
    @TempDir
    Path root;

    private static final LayerClassifier LINUX = LayerClassifier.parse(List.of(
            "# a Linux endpoint",
            "tmp = EXCLUDE",
            "home/*/.cache = EXCLUDE",
            "etc/machine-id = MACHINE_IDENTITY",
            "home/*/.* = PROFILE",
            "home/*/.*/** = PROFILE",
            "home/** = USER_FILES",
            "opt/** = APPLICATIONS"), Optional.of(Layer.BASE_OS));

    private void write(String rel, String content) throws IOException {
        Path file = root.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private TreeScanner.Result scan(Map<String, FileEntry> previous) throws IOException {
        return new TreeScanner(Chunker.DEFAULT, LINUX, 10_000).scan(root, EnumSet.allOf(Layer.class), previous);
    }

    private static List<String> paths(LayerManifest manifest) {
        return manifest.entries().stream().map(FileEntry::path).toList();
    }

    @Test
    void filesGoToTheirLayersAndExcludedTreesAreSkipped() throws IOException {
        write("home/alice/Documents/report.txt", "quarterly");
        write("home/alice/.bashrc", "alias ll='ls -l'");
        write("home/alice/.config/app/settings.ini", "x=1");
        write("home/alice/.cache/big.bin", "cache");
        write("etc/machine-id", "0123456789abcdef0123456789abcdef");
        write("etc/hostname", "desk-1");
        write("opt/tool/bin/tool", "#!/bin/sh");
        write("tmp/scratch", "temp");
        Files.createSymbolicLink(root.resolve("home/alice/latest"), Path.of("Documents/report.txt"));

        Map<Layer, LayerManifest> m = scan(Map.of()).manifests();
        assertEquals(List.of("home/alice", "home/alice/Documents", "home/alice/Documents/report.txt", "home/alice/latest"),
                paths(m.get(Layer.USER_FILES)));
        assertEquals(List.of("home/alice/.bashrc", "home/alice/.config", "home/alice/.config/app", "home/alice/.config/app/settings.ini"),
                paths(m.get(Layer.PROFILE)));
        assertEquals(List.of("etc/machine-id"), paths(m.get(Layer.MACHINE_IDENTITY)));
        assertEquals(List.of("opt/tool", "opt/tool/bin", "opt/tool/bin/tool"), paths(m.get(Layer.APPLICATIONS)));
        assertEquals(List.of("etc", "etc/hostname", "home", "opt"), paths(m.get(Layer.BASE_OS)), "no rule for home itself: the fallback");
        assertTrue(m.values().stream().flatMap(l -> l.entries().stream()).noneMatch(e -> e.path().startsWith("tmp")
                || e.path().contains(".cache")), "excluded subtrees are not scanned");

        FileEntry link = m.get(Layer.USER_FILES).find("home/alice/latest").orElseThrow();
        assertEquals(EntryType.SYMLINK, link.type());
        assertEquals("Documents/report.txt", link.linkTarget());
        FileEntry report = m.get(Layer.USER_FILES).find("home/alice/Documents/report.txt").orElseThrow();
        assertEquals(9, report.size());
        assertEquals(1, report.chunks().size());
    }

    @Test
    void modesAndOwnersAreRecorded() throws IOException {
        write("opt/tool/run", "#!/bin/sh");
        Files.setPosixFilePermissions(root.resolve("opt/tool/run"), PosixFilePermissions.fromString("rwxr-x---"));
        FileEntry run = scan(Map.of()).manifests().get(Layer.APPLICATIONS).find("opt/tool/run").orElseThrow();
        assertEquals(0750, run.mode());
        assertTrue(run.owner().contains(":"), run.owner());
        assertEquals(0750, TreeScanner.mode(TreeScanner.permissions(0750)));
    }

    @Test
    void unchangedFilesAreNotReadAgainAndChangedOnesAre() throws IOException {
        write("home/bob/a.txt", "one");
        write("home/bob/b.txt", "two");
        TreeScanner.Result first = scan(Map.of());
        assertEquals(2, first.filesRead());
        Map<String, FileEntry> previous = first.manifests().values().stream().flatMap(l -> l.entries().stream())
                .collect(Collectors.toMap(FileEntry::path, e -> e));

        TreeScanner.Result same = scan(previous);
        assertEquals(0, same.filesRead(), "size and time unchanged: hashes reused");
        assertEquals(first.manifests(), same.manifests());

        Files.writeString(root.resolve("home/bob/b.txt"), "three", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(root.resolve("home/bob/b.txt"), java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        TreeScanner.Result changed = scan(previous);
        assertEquals(1, changed.filesRead());
        FileEntry b = changed.manifests().get(Layer.USER_FILES).find("home/bob/b.txt").orElseThrow();
        assertEquals(5, b.size());
    }

    @Test
    void tooManyEntriesIsAClearError() throws IOException {
        for (int i = 0; i < 20; i++) {
            write("home/many/f" + i, "x");
        }
        IOException e = assertThrows(IOException.class,
                () -> new TreeScanner(Chunker.DEFAULT, LINUX, 10).scan(root, EnumSet.allOf(Layer.class), Map.of()));
        assertTrue(e.getMessage().contains("more than 10 entries"), e.getMessage());
    }

    @Test
    void badRulesAreRefusedWithTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerClassifier.parse(List.of("home/** = USERFILES"), Optional.empty()));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerClassifier.parse(List.of("no equals sign"), Optional.empty()));
    }
}
