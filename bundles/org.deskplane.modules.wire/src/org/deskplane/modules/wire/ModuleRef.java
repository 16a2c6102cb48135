package org.deskplane.modules.wire;

/**
 * Body of {@code module.load}, {@code module.unload}, {@code module.register}, {@code module.unregister} and
 * {@code module.replace} (where the version is the new version): one module by exact version.
 */
public record ModuleRef(String symbolicName, String version) {

    public byte[] toBytes() {
        return WireWriter.body().str(symbolicName).str(version).toBytes();
    }

    public static ModuleRef read(byte[] body) throws WireException {
        WireReader r = WireReader.of(body);
        String name = Names.symbolicName(r.str());
        String version = Names.version(r.str());
        r.end();
        return new ModuleRef(name, version);
    }
}
