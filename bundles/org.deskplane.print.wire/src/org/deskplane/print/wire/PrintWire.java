package org.deskplane.print.wire;

/** Message and stream types, error codes and limits of the printing channel protocol, version 1. */
public final class PrintWire {

    /** The first byte of every body. */
    public static final int VERSION = 1;

    /** Request guest → host: the printers this VM may use. */
    public static final String PRINTERS = "print.printers";
    /** Request guest → host: the state of jobs by id. */
    public static final String STATUS = "print.status";
    /** Request guest → host: cancel one job. */
    public static final String CANCEL = "print.cancel";
    /** Stream guest → host: a job header, then the document; the host answers with the spooled job. */
    public static final String SUBMIT = "print.submit";
    /** Event host → guest: a job of this VM changed. */
    public static final String JOB_CHANGED = "print.job-changed";
    /** Event host → guest: the printers this VM sees may have changed; ask again. */
    public static final String PRINTERS_CHANGED = "print.printers-changed";

    /** Error codes of an error answer. */
    public static final String UNAVAILABLE = "unavailable";
    public static final String UNKNOWN_VM = "unknown-vm";
    public static final String INVALID = "invalid";
    public static final String UNSUPPORTED_VERSION = "unsupported-version";

    /** Longest string on the wire (bytes of UTF-8). */
    public static final int MAX_STRING = 4096;
    /** Most elements of one list (printers, media, job ids…). */
    public static final int MAX_LIST = 1024;
    /** Largest job header on a submit stream. */
    public static final int MAX_HEADER = 64 << 10;
    /** Most job ids in one status request. */
    public static final int MAX_STATUS_IDS = 256;

    private PrintWire() {
    }
}
