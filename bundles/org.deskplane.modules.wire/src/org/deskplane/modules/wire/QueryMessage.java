package org.deskplane.modules.wire;

/**
 * Body of {@code module.query}: is a module present?
 *
 * @param symbolicName the module
 * @param versionRange an OSGi version range, a bare version ("at least"), or "" for any version
 */
public record QueryMessage(String symbolicName, String versionRange) {

    public byte[] toBytes() {
        return WireWriter.body().str(symbolicName).str(versionRange).toBytes();
    }

    public static QueryMessage read(byte[] body) throws WireException {
        WireReader r = WireReader.of(body);
        String name = Names.symbolicName(r.str());
        String range = Names.range(r.str());
        r.end();
        return new QueryMessage(name, range);
    }
}
