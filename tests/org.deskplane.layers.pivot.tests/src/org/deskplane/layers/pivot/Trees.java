package org.deskplane.layers.pivot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test trees: an old and a new version of a few hundred files, their difference as a staging area, tree hashes. */
final class Trees {

    private Trees() {
    }

    /** SHA-256 over every path, its type and content (files), target (links): equal hashes = identical trees. */
    static String hash(Path root) throws IOException {
        TreeMap<String, String> lines = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    lines.put(rel, "L " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    lines.put(rel, "D");
                } else {
                    lines.put(rel, "F " + sha(Files.readAllBytes(p)));
                }
            }
        }
        return sha(lines.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String sha(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS,
                        StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void write(Path root, String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    /**
     * An old tree of {@code dirs × perDir} files plus links and a directory to be removed, and a new tree with a third
     * of the files changed, new directories, deletions, a file that becomes a directory, a directory that becomes a
     * file and a changed link.
     */
    static void generate(Path oldTree, Path newTree, int dirs, int perDir, long seed) throws IOException {
        Random random = new Random(seed);
        for (int d = 0; d < dirs; d++) {
            for (int f = 0; f < perDir; f++) {
                String rel = "usr/d" + d + "/f" + f;
                String content = rel + " " + random.nextLong() + "x".repeat(random.nextInt(2000));
                write(oldTree, rel, content);
                int pick = (d * perDir + f) % 6;
                if (pick == 0 || pick == 3) {
                    write(newTree, rel, content + " changed");
                } else if (pick != 5) {
                    write(newTree, rel, content);
                } // pick 5: deleted
            }
        }
        for (int n = 0; n < Math.max(1, dirs / 4); n++) {
            for (int f = 0; f < perDir; f++) {
                write(newTree, "opt/new" + n + "/sub/g" + f, "new " + n + " " + f + " " + random.nextLong());
            }
        }
        for (int f = 0; f < 10; f++) {
            write(oldTree, "var/gone/h" + f, "gone " + f);
        }
        write(oldTree, "etc/becomes-dir", "a file");
        write(newTree, "etc/becomes-dir/inside", "now a directory");
        write(oldTree, "etc/becomes-file/x", "a directory");
        write(newTree, "etc/becomes-file", "now a file");
        Files.createDirectories(oldTree.resolve("etc/empty-old"));
        Files.createDirectories(newTree.resolve("etc/empty-new"));
        Files.createSymbolicLink(oldTree.resolve("etc/link"), Path.of("usr/d0/f1"));
        Files.createSymbolicLink(newTree.resolve("etc/link"), Path.of("usr/d0/f2"));
        Files.createSymbolicLink(oldTree.resolve("etc/kept-link"), Path.of("../usr"));
        Files.createSymbolicLink(newTree.resolve("etc/kept-link"), Path.of("../usr"));
    }

    /** Stages the difference old → new and seals it as {@code version}. */
    static StagingArea stageDifference(Path oldTree, Path newTree, Path stateDir, String version) throws IOException {
        StagingArea staging = StagingArea.open(stateDir);
        List<String> deletions = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(oldTree)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!p.equals(oldTree)) {
                    Path counterpart = newTree.resolve(oldTree.relativize(p).toString());
                    if (!Files.exists(counterpart, LinkOption.NOFOLLOW_LINKS)) {
                        deletions.add(oldTree.relativize(p).toString());
                    }
                }
            }
        }
        try (Stream<Path> walk = Files.walk(newTree)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(newTree)) {
                    continue;
                }
                String rel = newTree.relativize(p).toString();
                Path before = oldTree.resolve(rel);
                if (Files.isSymbolicLink(p)) {
                    if (!Files.isSymbolicLink(before) || !Files.readSymbolicLink(before).equals(Files.readSymbolicLink(p))) {
                        Files.createSymbolicLink(staging.stagedFile(rel), Files.readSymbolicLink(p));
                    }
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    if (!Files.isDirectory(before, LinkOption.NOFOLLOW_LINKS)) {
                        staging.stagedDirectory(rel);
                    }
                } else if (Files.isSymbolicLink(before) || !Files.isRegularFile(before)
                        || Files.mismatch(before, p) != -1) {
                    Files.copy(p, staging.stagedFile(rel));
                }
            }
        }
        for (String d : deletions) {
            staging.stageDeletion(d);
        }
        staging.seal(version);
        return staging;
    }
}
