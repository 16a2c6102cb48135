package org.deskplane.qga.api;

/** One {@code guest-file-read}: the bytes read and whether the end of the file was reached. */
public record GuestFileChunk(byte[] data, boolean eof) {

    public GuestFileChunk {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int length() {
        return data.length;
    }
}
