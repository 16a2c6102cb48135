package org.deskplane.hypervisor.libvirt.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The libvirt C functions Deskplane needs that libvirt-java 0.5 does not bind: backup jobs (libvirt ≥ 6.0), the
 * guest file system freeze (≥ 1.2.5) and saved state files with a replacement definition (≥ 0.9.4). Loaded on first use; a libvirt without them fails with an
 * {@link UnsatisfiedLinkError} that callers turn into "not supported".
 */
interface LibvirtNative extends Library {

    /** The first use loads the library; JNA maps each method to the C function of the same name. */
    final class Holder {
        static final LibvirtNative INSTANCE = Native.load("virt", LibvirtNative.class);

        private Holder() {
        }
    }

    static LibvirtNative get() {
        return Holder.INSTANCE;
    }

    Pointer virDomainLookupByUUIDString(Pointer connect, String uuid);

    int virDomainFree(Pointer domain);

    int virDomainBackupBegin(Pointer domain, String backupXml, String checkpointXml, int flags);

    /** The running backup job's XML (to tell whose job it is); the caller frees the string. */
    Pointer virDomainBackupGetXMLDesc(Pointer domain, int flags);

    int virDomainAbortJob(Pointer domain);

    int virDomainFSFreeze(Pointer domain, Pointer mountpoints, int count, int flags);

    int virDomainFSThaw(Pointer domain, Pointer mountpoints, int count, int flags);

    /** Starts a domain from a saved state file; {@code domainXml} (may be null) replaces the saved definition. */
    int virDomainRestoreFlags(Pointer connect, String file, String domainXml, int flags);

    /** The domain XML inside a saved state file; the caller frees the string. */
    Pointer virDomainSaveImageGetXMLDesc(Pointer connect, String file, int flags);

    /** The message of the calling thread's last libvirt error (owned by libvirt, not freed). */
    String virGetLastErrorMessage();

    /** The code of the calling thread's last libvirt error (virErrorNumber). */
    int virGetLastErrorCode();
}
