package org.deskplane.layers.api;

/** The head moved past the version an upload was based on: pull and merge, then upload again. */
public class CvdConflictException extends LayerException {
    private static final long serialVersionUID = 1L;
    private final long head;

    public CvdConflictException(String message, long head) {
        super(message);
        this.head = head;
    }

    public long head() {
        return head;
    }
}
