package org.deskplane.disk.partition.internal;

import java.io.IOException;

import org.deskplane.disk.api.BlockDevice;

/** The MBR a GPT disk carries so that MBR-only tools see one partition of type 0xEE and leave the disk alone. */
final class ProtectiveMbr {

    private ProtectiveMbr() {
    }

    static boolean present(BlockDevice disk) throws IOException {
        if (disk.size() < MbrSector.SIZE) {
            return false;
        }
        byte[] mbr = Sectors.read(disk, 0, MbrSector.SIZE, "MBR");
        return MbrSector.hasBootSignature(mbr)
                && MbrSector.entries(mbr).stream().anyMatch(e -> e.type() == MbrEntry.PROTECTIVE_GPT);
    }
}
