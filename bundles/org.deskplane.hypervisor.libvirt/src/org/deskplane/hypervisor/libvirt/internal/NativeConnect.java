package org.deskplane.hypervisor.libvirt.internal;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;

import com.sun.jna.Pointer;

/**
 * A libvirt-java connection that hands out its native {@code virConnectPtr}, for the few libvirt calls the Java
 * binding lacks (backup jobs, file system freeze) and that {@link LibvirtNative} makes directly.
 */
final class NativeConnect extends Connect {

    NativeConnect(String uri) throws LibvirtException {
        super(uri);
    }

    Pointer pointer() {
        return vcp.getPointer();
    }
}
