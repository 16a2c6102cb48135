package org.deskplane.disk.ntfs.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a real NTFS image: {@code truncate} + {@code mkntfs}, then fills it through the ntfs-3g FUSE mount
 * (cp -a keeps times, hard links and holes), then lets a callback set NTFS attributes and reparse points
 * on the mounted tree, then unmounts.
 */
final class NtfsImage {

    interface MountedWork {
        void run(Path mountPoint) throws Exception;
    }

    private NtfsImage() {
    }

    static Path build(Path work, String name, long mib, List<String> mkntfsOptions, String label, Path source,
            MountedWork extra) throws Exception {
        Path image = work.resolve(name);
        Tools.run(work, "truncate", "-s", mib + "M", image.toString());
        List<String> mk = new ArrayList<>(List.of("mkntfs", "-F", "-f", "-q", "-L", label));
        mk.addAll(mkntfsOptions);
        mk.add(image.toString());
        Tools.run(work, mk.toArray(String[]::new));
        Path mnt = Files.createDirectories(work.resolve(name + ".mnt"));
        Tools.run(work, "ntfs-3g", "-o", "compression", image.toString(), mnt.toString());
        try {
            if (source != null) {
                Tools.run(work, "cp", "-a", "--sparse=always", source + "/.", mnt + "/");
            }
            if (extra != null) {
                extra.run(mnt);
            }
        } finally {
            Tools.run(work, "umount", mnt.toString());
        }
        return image;
    }

    /** Sets an ntfs-3g extended attribute (system.ntfs_attrib, system.ntfs_reparse_data) through python3. */
    static void setXattr(Path work, Path file, String attribute, byte[] value) throws Exception {
        StringBuilder hex = new StringBuilder();
        for (byte b : value) {
            hex.append(String.format("%02x", b & 0xff));
        }
        Tools.run(work, "python3", "-c", "import os,sys; os.setxattr(sys.argv[1], sys.argv[2], bytes.fromhex(sys.argv[3]))",
                file.toString(), attribute, hex.toString());
    }
}
