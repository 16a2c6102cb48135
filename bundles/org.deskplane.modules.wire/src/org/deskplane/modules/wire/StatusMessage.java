package org.deskplane.modules.wire;

/** Body of {@code module.status}: a past request of this VM, by the id its answer carried. */
public record StatusMessage(long requestId) {

    public byte[] toBytes() {
        return WireWriter.body().i64(requestId).toBytes();
    }

    public static StatusMessage read(byte[] body) throws WireException {
        WireReader r = WireReader.of(body);
        long id = r.i64();
        r.end();
        if (id < 0) {
            throw new WireException("request id " + id);
        }
        return new StatusMessage(id);
    }
}
