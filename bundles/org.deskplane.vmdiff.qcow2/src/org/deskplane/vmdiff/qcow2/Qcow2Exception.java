package org.deskplane.vmdiff.qcow2;

import java.io.IOException;

/** Thrown for an image this code will not read: corrupt, truncated, or using a qcow2 feature we refuse. */
public class Qcow2Exception extends IOException {

    private static final long serialVersionUID = 1L;

    public Qcow2Exception(String message) {
        super(message);
    }
}
