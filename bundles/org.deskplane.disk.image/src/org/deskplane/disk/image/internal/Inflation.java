package org.deskplane.disk.image.internal;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.deskplane.disk.api.DiskFormatException;

/** Inflates one compressed cluster/grain into a buffer of exactly its size: the output is bounded by the buffer. */
public final class Inflation {

    private Inflation() {
    }

    /**
     * @param nowrap raw deflate (qcow2) when true, zlib-wrapped (VMDK) when false
     * @throws DiskFormatException when the data is not deflate data or does not fill {@code out} exactly
     */
    public static void inflate(byte[] in, int inLength, byte[] out, boolean nowrap, String what)
            throws DiskFormatException {
        inflate(in, inLength, out, 0, out.length, nowrap, what);
    }

    /**
     * Inflates into {@code out[outOffset, outOffset + outLength)}, which the data must fill exactly (a whole
     * cluster read straight into a caller's buffer, without an intermediate copy).
     */
    public static void inflate(byte[] in, int inLength, byte[] out, int outOffset, int outLength, boolean nowrap,
            String what) throws DiskFormatException {
        Inflater inflater = new Inflater(nowrap);
        try {
            inflater.setInput(in, 0, inLength);
            int produced = 0;
            while (produced < outLength && !inflater.finished()) {
                int n = inflater.inflate(out, outOffset + produced, outLength - produced);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                produced += n;
            }
            if (produced != outLength) {
                throw new DiskFormatException(what + ": inflates to " + produced + " bytes, expected " + outLength);
            }
        } catch (DataFormatException e) {
            throw new DiskFormatException(what + ": bad deflate data (" + e.getMessage() + ")", e);
        } finally {
            inflater.end();
        }
    }
}
