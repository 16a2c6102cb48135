package org.deskplane.modules.wire;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * What opens a {@code module.upload} stream, before the jar's bytes: u32 length, then this body.
 *
 * @param size   the jar's size in bytes, exactly what follows the header
 * @param sha256 the jar's SHA-256 (64 lower-case hex digits)
 */
public record UploadHeader(long size, String sha256) {

    public byte[] toBytes() {
        return WireWriter.body().i64(size).str(sha256).toBytes();
    }

    public static UploadHeader read(byte[] body) throws WireException {
        WireReader r = WireReader.of(body);
        long size = r.i64();
        String sha = Names.sha256(r.str());
        r.end();
        if (size < 1 || size > ModuleWire.MAX_UPLOAD) {
            throw new WireException("declared size " + size + " (1.." + ModuleWire.MAX_UPLOAD + ")");
        }
        return new UploadHeader(size, sha);
    }

    /** Writes the length-prefixed header to a stream. */
    public void writeTo(OutputStream out) throws IOException {
        writeFrame(out, toBytes());
    }

    /** Reads a length-prefixed header; the length is checked before the body is read. */
    public static UploadHeader readFrom(InputStream in) throws IOException {
        return read(readFrame(in, ModuleWire.MAX_HEADER, "upload header"));
    }

    /** u32 length + bytes: how the header and the host's answer travel on the upload stream. */
    public static void writeFrame(OutputStream out, byte[] body) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(body.length);
        data.write(body);
        data.flush();
    }

    /** Reads a u32-length-prefixed body of at most {@code max} bytes; a short read is an error, not a partial body. */
    public static byte[] readFrame(InputStream in, int max, String what) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int length = data.readInt();
        if (length <= 0 || length > max) {
            throw new WireException(what + " of " + Integer.toUnsignedString(length) + " bytes (1.." + max + ")");
        }
        byte[] body = data.readNBytes(length);
        if (body.length != length) {
            throw new WireException(what + " ends after " + body.length + " of " + length + " bytes");
        }
        return body;
    }
}
