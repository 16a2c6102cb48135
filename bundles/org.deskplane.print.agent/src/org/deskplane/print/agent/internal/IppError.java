package org.deskplane.print.agent.internal;

/** A request the virtual printer refuses: the IPP status to answer and a message for the client. */
final class IppError extends Exception {
    private static final long serialVersionUID = 1L;

    static final int COMPRESSION_NOT_SUPPORTED = 0x040F;
    static final int MULTIPLE_DOCUMENT_JOBS_NOT_SUPPORTED = 0x0509;

    final int status;

    IppError(int status, String message) {
        super(message);
        this.status = status;
    }
}
