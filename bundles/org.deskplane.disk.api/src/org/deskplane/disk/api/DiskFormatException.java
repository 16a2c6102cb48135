package org.deskplane.disk.api;

import java.io.IOException;

/**
 * The bytes are not a valid (or not a supported) image, partition table or file system: says which structure
 * is wrong and where ("qcow2 L2 table offset 0x… of /x.qcow2 lies beyond the file").
 */
public class DiskFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public DiskFormatException(String message) {
        super(message);
    }

    public DiskFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
