package org.deskplane.hypervisor.libvirt.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;

import org.deskplane.hypervisor.api.HypervisorException;
import org.deskplane.hypervisor.api.HypervisorException.Kind;
import org.deskplane.hypervisor.api.NotSupportedException;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Saved state files at paths the caller owns (virDomainSave, virDomainSaveImageGetXMLDesc, virDomainRestoreFlags).
 * A save never writes over a file that was there before (libvirt itself would truncate it), and a file that is no
 * saved state at all is reported as bad input rather than as a hypervisor failure.
 */
final class SavedStates {

    /** VIR_DOMAIN_SAVE_IMAGE_XML_SECURE: include passwords etc., as the definition that restores must have them. */
    private static final int SAVE_IMAGE_XML_SECURE = 1;

    private final String connectionId;
    private final boolean remote;
    private final Consumer<String> connectionLost;

    /**
     * @param remote         the files live on another machine (only libvirt can look at them)
     * @param connectionLost told when a direct C call found the connection gone
     */
    SavedStates(String connectionId, boolean remote, Consumer<String> connectionLost) {
        this.connectionId = connectionId;
        this.remote = remote;
        this.connectionLost = connectionLost;
    }

    /** Saves the domain's state into {@code file}, which must not exist yet, and stops the domain. */
    void save(Connect connect, Domain domain, Path file) throws LibvirtException, HypervisorException {
        if (remote) {
            refuseExistingRemoteFile(connect, file);
            domain.save(file.toString());
            return;
        }
        // Reserving the name first makes "no overwrite" atomic here; libvirt writes into the empty file it finds
        // and, as it did not create it, leaves removing it after a failure to us.
        reserve(file);
        boolean saved = false;
        try {
            domain.save(file.toString());
            saved = true;
        } finally {
            if (!saved) {
                deleteQuietly(file);
            }
        }
    }

    /** The domain XML inside a saved state file, secure parts included. */
    String xml(Connect connect, Path file) throws HypervisorException {
        requireLocalFile(file);
        LibvirtNative calls = calls("savedStateXml");
        Pointer xml = calls.virDomainSaveImageGetXMLDesc(pointer(connect, "savedStateXml"), file.toString(),
                SAVE_IMAGE_XML_SECURE);
        if (xml == null) {
            throw failure("savedStateXml", file, calls);
        }
        try {
            return xml.getString(0, StandardCharsets.UTF_8.name());
        } finally {
            Native.free(Pointer.nativeValue(xml));
        }
    }

    /** Starts the domain saved in {@code file}; {@code domainXml}, when not null, replaces its definition. */
    void restore(Connect connect, Path file, String domainXml) throws LibvirtException, HypervisorException {
        requireLocalFile(file);
        if (domainXml == null) {
            connect.restore(file.toString());
            return;
        }
        LibvirtNative calls = calls("restoreState");
        if (calls.virDomainRestoreFlags(pointer(connect, "restoreState"), file.toString(), domainXml, 0) < 0) {
            throw failure("restoreState", file, calls);
        }
    }

    private static void reserve(Path file) throws HypervisorException {
        try {
            try {
                // the file will hold the guest's memory: only its owner may read it, as libvirt would create it
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException noPosix) {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw alreadyExists(file);
        } catch (NoSuchFileException e) {
            throw new HypervisorException(Kind.INVALID, "saveState: the directory of " + file + " does not exist", e);
        } catch (IOException e) {
            throw new HypervisorException(Kind.FAILED, "saveState: cannot create " + file + ": " + e, e);
        }
    }

    /** Another host's files: ask libvirt there; anything but "no such file" counts as existing (never overwrite). */
    private void refuseExistingRemoteFile(Connect connect, Path file) throws HypervisorException {
        LibvirtNative calls = calls("saveState");
        Pointer xml = calls.virDomainSaveImageGetXMLDesc(pointer(connect, "saveState"), file.toString(), 0);
        if (xml != null) {
            Native.free(Pointer.nativeValue(xml));
            throw alreadyExists(file);
        }
        String message = calls.virGetLastErrorMessage();
        if (message == null || !message.contains("No such file or directory")) {
            throw new HypervisorException(Kind.INVALID, "saveState: " + file + " exists on the host or cannot be "
                    + "checked (" + message + "); a saved state is never written over a file");
        }
    }

    private static HypervisorException alreadyExists(Path file) {
        return new HypervisorException(Kind.INVALID, "saveState: " + file + " already exists; a saved state is never "
                + "written over a file");
    }

    /** Where this machine sees the host's files, a missing one is named as such before libvirt is asked. */
    private void requireLocalFile(Path file) throws HypervisorException {
        if (!remote && Files.notExists(file)) {
            throw new HypervisorException(Kind.NOT_FOUND, "there is no saved state file " + file);
        }
    }

    private HypervisorException failure(String operation, Path file, LibvirtNative calls) {
        int code = calls.virGetLastErrorCode();
        String message = calls.virGetLastErrorMessage();
        if (LibvirtErrors.isConnectionLoss(code, message)) {
            connectionLost.accept(message);
        }
        if (message != null && message.contains("magic")) {
            // QEMU's "image magic is incorrect", the test driver's "mismatched header magic"
            return new HypervisorException(Kind.INVALID, operation + ": " + file + " is not a saved state file ("
                    + message + ")");
        }
        return LibvirtErrors.map(operation, connectionId, code, message, null);
    }

    private Pointer pointer(Connect connect, String operation) throws NotSupportedException {
        if (connect instanceof NativeConnect nativeConnect) {
            return nativeConnect.pointer();
        }
        throw new NotSupportedException(operation + " (no native libvirt connection)", connectionId, null);
    }

    private LibvirtNative calls(String operation) throws NotSupportedException {
        try {
            return LibvirtNative.get();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new NotSupportedException(operation + " (libvirt library: " + e.getMessage() + ")", connectionId, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the save failed already; that error is the one to report
        }
    }
}
