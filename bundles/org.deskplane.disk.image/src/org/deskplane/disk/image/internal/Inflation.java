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
        Inflater inflater = new Inflater(nowrap);
        try {
            inflater.setInput(in, 0, inLength);
            int produced = 0;
            while (produced < out.length && !inflater.finished()) {
                int n = inflater.inflate(out, produced, out.length - produced);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                produced += n;
            }
            if (produced != out.length) {
                throw new DiskFormatException(what + ": inflates to " + produced + " bytes, expected " + out.length);
            }
        } catch (DataFormatException e) {
            throw new DiskFormatException(what + ": bad deflate data (" + e.getMessage() + ")", e);
        } finally {
            inflater.end();
        }
    }
}
