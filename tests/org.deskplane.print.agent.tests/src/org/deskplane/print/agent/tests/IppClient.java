package org.deskplane.print.agent.tests;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.deskplane.ipp.IppAttribute;
import org.deskplane.ipp.IppLimits;
import org.deskplane.ipp.IppMessage;
import org.deskplane.ipp.IppOperation;
import org.deskplane.ipp.IppReader;
import org.deskplane.ipp.IppStatus;
import org.deskplane.ipp.IppTags;
import org.deskplane.ipp.IppWriter;

/**
 * An IPP client in the guest's role, over a plain socket so a test controls exactly what goes on the wire (raw
 * bytes, a document sent in parts with something happening in between). One request per connection.
 */
final class IppClient {
    private final PrintRig rig;
    private int nextId = 1;

    IppClient(PrintRig rig) {
        this.rig = rig;
    }

    record Result(int httpStatus, IppMessage message) {
        boolean ok() {
            return httpStatus == 200 && IppStatus.isSuccess(message.code());
        }

        int status() {
            return message.code();
        }

        Optional<IppAttribute> job(String name) {
            return message.group(IppTags.JOB_ATTRIBUTES).flatMap(g -> g.get(name));
        }

        Optional<IppAttribute> printer(String name) {
            return message.group(IppTags.PRINTER_ATTRIBUTES).flatMap(g -> g.get(name));
        }
    }

    /** Something to do after a part of the document was sent. */
    interface Midway {
        void run() throws Exception;
    }

    IppMessage.Builder request(int operation) {
        return IppMessage.request(operation, nextId++).version(2, 0).add(IppAttribute.uri("printer-uri", rig.printerUri()),
                IppAttribute.name("requesting-user-name", "bob"));
    }

    Result printerAttributes(String printerId) throws IOException {
        return send(IppMessage.request(IppOperation.GET_PRINTER_ATTRIBUTES, nextId++).add(IppAttribute.uri("printer-uri",
                "ipp://127.0.0.1:" + rig.port + "/ipp/print/" + printerId)).build());
    }

    Result jobAttributes(int jobId) throws IOException {
        return send(request(IppOperation.GET_JOB_ATTRIBUTES).add(IppAttribute.integer("job-id", jobId)).build());
    }

    Result send(IppMessage message) throws IOException {
        return sendRaw(IppWriter.toBytes(message));
    }

    Result sendRaw(byte[] body) throws IOException {
        try (Socket s = socket()) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /ipp/print/" + rig.printerId() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/ipp\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return response(s.getInputStream());
        }
    }

    /** Sends the message and then {@code document} in chunks; after {@code midwayAt} bytes, runs {@code midway}. */
    Result send(IppMessage message, InputStream document, long midwayAt, Midway midway) throws Exception {
        try (Socket s = socket()) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /ipp/print/" + rig.printerId() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/ipp\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk(out, IppWriter.toBytes(message), -1);
            byte[] buffer = new byte[32 << 10];
            long sent = 0;
            boolean ran = midway == null;
            int n;
            while ((n = document.read(buffer)) > 0) {
                chunk(out, buffer, n);
                sent += n;
                if (!ran && sent >= midwayAt) {
                    out.flush();
                    midway.run();
                    ran = true;
                }
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return response(s.getInputStream());
        }
    }

    private static void chunk(OutputStream out, byte[] data, int length) throws IOException {
        int n = length < 0 ? data.length : length;
        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data, 0, n);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private Socket socket() throws IOException {
        Socket s = new Socket("127.0.0.1", rig.port);
        s.setSoTimeout(120_000);
        return s;
    }

    private static Result response(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw);
        String status = line(in);
        int code = Integer.parseInt(status.split(" ")[1]);
        long length = -1;
        String header;
        while (!(header = line(in)).isEmpty()) {
            if (header.toLowerCase().startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).trim());
            }
        }
        byte[] body = length < 0 ? in.readAllBytes() : in.readNBytes((int) length);
        return new Result(code, code == 200 ? IppReader.read(body, IppLimits.DEFAULT) : null);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
