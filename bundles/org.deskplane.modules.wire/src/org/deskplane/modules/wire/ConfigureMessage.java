package org.deskplane.modules.wire;

/** Body of {@code module.configure}: set one whitelisted configuration property ("" clears it). */
public record ConfigureMessage(String pid, String key, String value) {

    public byte[] toBytes() {
        return WireWriter.body().str(pid).str(key).str(value).toBytes();
    }

    public static ConfigureMessage read(byte[] body) throws WireException {
        WireReader r = WireReader.of(body);
        String pid = Names.pidOrKey(r.str(), "configuration PID");
        String key = Names.pidOrKey(r.str(), "configuration key");
        String value = r.str();
        r.end();
        return new ConfigureMessage(pid, key, value);
    }
}
