package org.deskplane.disk.iso9660.internal;

import java.io.IOException;

import org.deskplane.disk.api.BlockDevice;
import org.deskplane.disk.api.DiskFormatException;

/** The descriptors from sector 16 up to the terminator: the primary one and, if there is one, Joliet's. */
record VolumeDescriptorSet(VolumeDescriptor primary, VolumeDescriptor joliet) {

    /** Real discs have a handful (primary, Joliet, El Torito, terminator); more than this is not a disc. */
    static final int MAX_DESCRIPTORS = 64;

    static boolean probe(BlockDevice volume) throws IOException {
        long at = (long) VolumeDescriptor.FIRST_SECTOR * VolumeDescriptor.SECTOR;
        if (volume.size() < at + VolumeDescriptor.SECTOR) {
            return false;
        }
        byte[] sector = new byte[VolumeDescriptor.SECTOR];
        volume.read(at, sector, 0, sector.length);
        return VolumeDescriptor.hasStandardId(sector);
    }

    static VolumeDescriptorSet read(BlockDevice volume) throws IOException {
        VolumeDescriptor primary = null;
        VolumeDescriptor joliet = null;
        byte[] sector = new byte[VolumeDescriptor.SECTOR];
        for (int i = 0; i < MAX_DESCRIPTORS; i++) {
            long number = VolumeDescriptor.FIRST_SECTOR + i;
            String where = "ISO 9660 volume descriptor in sector " + number + " of " + volume.describe();
            if ((number + 1) * VolumeDescriptor.SECTOR > volume.size()) {
                throw new DiskFormatException(where + " lies beyond the end of the volume (" + volume.size()
                        + " bytes) before a terminator was found");
            }
            volume.read(number * VolumeDescriptor.SECTOR, sector, 0, sector.length);
            if (!VolumeDescriptor.hasStandardId(sector)) {
                if (i == 0) {
                    throw new DiskFormatException(where + " lacks the \"CD001\" identifier: not ISO 9660");
                }
                break; // a missing terminator: keep what we found
            }
            int type = Bytes.u8(sector, 0);
            if (type == VolumeDescriptor.TYPE_TERMINATOR) {
                break;
            }
            if (type == VolumeDescriptor.TYPE_PRIMARY && primary == null) {
                primary = VolumeDescriptor.parse(sector, false, where);
            } else if (VolumeDescriptor.isJoliet(sector) && joliet == null) {
                joliet = VolumeDescriptor.parse(sector, true, where);
            }
        }
        if (primary == null && joliet == null) {
            throw new DiskFormatException("ISO 9660 volume " + volume.describe() + " has no primary volume descriptor");
        }
        return new VolumeDescriptorSet(primary, joliet);
    }
}
