package org.deskplane.disk.ntfs.internal;

import java.util.ArrayList;
import java.util.List;

import org.deskplane.disk.api.DiskFormatException;

/**
 * Decodes a mapping-pairs array (a runlist): per run a header byte giving the byte counts of the length and of
 * the signed LCN delta; a zero delta size means a sparse run. Every run is checked to lie within the volume.
 */
final class RunListDecoder {

    /** More runs than this in one attribute extent is corruption (a 64 KiB record holds far fewer). */
    static final int MAX_RUNS = 65536;

    private RunListDecoder() {
    }

    static List<DataRun> decode(byte[] b, int offset, int end, long firstVcn, long lastVcn, long volumeClusters,
            String where) throws DiskFormatException {
        List<DataRun> runs = new ArrayList<>();
        long vcn = firstVcn;
        long lcn = 0;
        int p = offset;
        while (true) {
            if (p >= end) {
                throw new DiskFormatException(where + ": runlist runs past its attribute at byte " + p);
            }
            int header = b[p] & 0xff;
            if (header == 0) {
                break;
            }
            int lengthBytes = header & 0x0f;
            int lcnBytes = header >>> 4;
            if (lengthBytes == 0 || lengthBytes > 8 || lcnBytes > 8 || p + 1 + lengthBytes + lcnBytes > end) {
                throw new DiskFormatException(where + ": bad runlist header 0x" + Integer.toHexString(header)
                        + " at byte " + p);
            }
            long length = signed(b, p + 1, lengthBytes);
            if (length <= 0 || length > volumeClusters) {
                throw new DiskFormatException(where + ": run of " + length + " clusters at VCN " + vcn
                        + " (volume has " + volumeClusters + ")");
            }
            long runLcn = DataRun.HOLE;
            if (lcnBytes > 0) {
                lcn += signed(b, p + 1 + lengthBytes, lcnBytes);
                if (lcn < 0 || lcn >= volumeClusters || length > volumeClusters - lcn) {
                    throw new DiskFormatException(where + ": run at LCN " + lcn + " of " + length
                            + " clusters lies outside the volume's " + volumeClusters + " clusters");
                }
                runLcn = lcn;
            }
            if (runs.size() >= MAX_RUNS) {
                throw new DiskFormatException(where + ": more than " + MAX_RUNS + " runs");
            }
            runs.add(new DataRun(vcn, length, runLcn));
            vcn += length;
            if (vcn - 1 > lastVcn) {
                throw new DiskFormatException(where + ": runs reach VCN " + (vcn - 1) + " beyond the highest VCN "
                        + lastVcn);
            }
            p += 1 + lengthBytes + lcnBytes;
        }
        return runs;
    }

    private static long signed(byte[] b, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        int shift = 64 - 8 * n;
        return shift == 0 ? v : (v << shift) >> shift;
    }
}
