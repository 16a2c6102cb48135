package org.deskplane.content.channel.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A reproducible tree of files to serve from the guest. */
final class RandomTree {
    static final String BIG = "big – 大きい.bin";
    static final int BIG_SIZE = 3 * (1 << 20) + 12_345;
    static final String CROWDED = "crowded";
    static final int CROWDED_COUNT = 2_500;
    private static final String[] NAMES = { "docs", "Ünïcødé", "日本語のフォルダ", "📁 photos", "with space", "ñandú",
            "Ελληνικά", "emoji 😀 file", "a", "zz-last" };

    private RandomTree() {
    }

    static void write(Path root, Random random) throws IOException {
        Files.write(root.resolve(BIG), bytes(random, BIG_SIZE));
        Files.write(root.resolve("empty"), new byte[0]);
        Path deep = root;
        for (String segment : new String[] { "docs", "nested", "deeper", "deepest ✓" }) {
            deep = Files.createDirectories(deep.resolve(segment));
            Files.write(deep.resolve("at-" + segment + ".txt"), bytes(random, random.nextInt(5_000)));
        }
        for (int d = 0; d < NAMES.length; d++) {
            Path dir = Files.createDirectories(root.resolve("docs").resolve(NAMES[d]));
            for (int f = 0; f < 4; f++) {
                String name = NAMES[(d + f) % NAMES.length] + "-" + f + (f % 2 == 0 ? ".txt" : "");
                int size = switch (f) {
                case 0 -> 0;
                case 1 -> 1 + random.nextInt(100);
                case 2 -> 131_072; // exactly one read chunk
                default -> random.nextInt(400_000);
                };
                Files.write(dir.resolve(name), bytes(random, size));
            }
        }
        Path crowded = Files.createDirectories(root.resolve(CROWDED));
        for (int i = 0; i < CROWDED_COUNT; i++) {
            // long names, so the listing cannot fit one page
            Files.write(crowded.resolve(String.format("%05d-%s-%s", i, "ünïcødé-long-name".repeat(4), Integer.toHexString(random.nextInt()))),
                    new byte[] { (byte) i });
        }
    }

    static byte[] bytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }
}
