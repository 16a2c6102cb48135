package org.deskplane.vmdiff.qcow2.internal;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.deskplane.vmdiff.qcow2.Qcow2Exception;

/**
 * Inflates a qcow2 compressed cluster: raw deflate (no zlib header) that must produce exactly one cluster.
 * Like qemu, bytes after the end of the deflate stream are ignored (the descriptor rounds up to sectors).
 */
final class Deflate {

    private Deflate() {
    }

    /** Inflates {@code in} into exactly {@code out.remaining()} bytes of {@code out}. */
    static void inflateCluster(ByteBuffer in, ByteBuffer out, HostFile file, long guestIndex) throws Qcow2Exception {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(in);
            int wanted = out.remaining();
            // each round either produces output, or the stream is finished / starved: at most `wanted` rounds
            for (int rounds = 0; out.hasRemaining() && rounds <= wanted; rounds++) {
                int n = inflater.inflate(out);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
            }
            if (out.hasRemaining()) {
                throw file.problem("compressed cluster of guest cluster " + guestIndex + " inflates to "
                        + (wanted - out.remaining()) + " bytes instead of " + wanted);
            }
        } catch (DataFormatException e) {
            throw file.problem("compressed cluster of guest cluster " + guestIndex + " is not valid deflate data ("
                    + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }
}
