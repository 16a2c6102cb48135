package org.deskplane.print.cups.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.deskplane.ipp.IppLimits;
import org.deskplane.ipp.IppMessage;
import org.deskplane.ipp.IppParseException;
import org.deskplane.ipp.IppReader;
import org.deskplane.ipp.IppStatus;
import org.deskplane.ipp.IppWriter;
import org.deskplane.print.api.PrintException;

/**
 * Sends one IPP request over HTTP/1.1 and reads the IPP response. A document, if any, follows the IPP header
 * in the same request body, streamed (chunked transfer encoding): never read into memory.
 */
final class IppHttpClient {

    private static final int UPLOAD_TIMEOUT_FACTOR = 20;

    private final HttpClient http;
    private final Duration timeout;

    IppHttpClient(Duration timeout) {
        this.timeout = timeout;
        // HTTP/1.1 explicitly: cupsd does not speak h2c, and the default client would try to upgrade
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** @param ippUri an ipp:// or ipps:// URI (sent to http:// or https:// on the same host, port and path) */
    IppMessage send(String ippUri, IppMessage request, InputStream document) throws PrintException {
        byte[] header = IppWriter.toBytes(request);
        DocumentStream doc = document == null ? null : new DocumentStream(document);
        HttpRequest.BodyPublisher body = doc == null
                ? HttpRequest.BodyPublishers.ofByteArray(header)
                : HttpRequest.BodyPublishers.ofInputStream(
                        () -> new SequenceInputStream(new ByteArrayInputStream(header), doc));
        HttpRequest.Builder builder = HttpRequest.newBuilder(httpUri(ippUri)).header("Content-Type", "application/ipp")
                .POST(body);
        // an upload of a large document may take long: it gets more time, but still a bound
        builder.timeout(document == null ? timeout : timeout.multipliedBy(UPLOAD_TIMEOUT_FACTOR));
        try {
            HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new PrintException(httpKind(response.statusCode()),
                            "CUPS at " + ippUri + " answered HTTP " + response.statusCode() + " to " + describe(request));
                }
                return IppReader.read(in, IppLimits.DEFAULT);
            }
        } catch (IppParseException e) {
            throw new PrintException(PrintException.Kind.FAILED, "CUPS at " + ippUri + " sent a malformed IPP answer: "
                    + e.getMessage(), e);
        } catch (HttpTimeoutException e) {
            throw new PrintException(PrintException.Kind.UNAVAILABLE, "CUPS at " + ippUri + " did not answer in time", e);
        } catch (ConnectException e) {
            throw new PrintException(PrintException.Kind.UNAVAILABLE, "cannot connect to CUPS at " + ippUri
                    + " (is cupsd running?)", e);
        } catch (UncheckedIOException e) {
            throw new PrintException(PrintException.Kind.INVALID, "reading the document failed: " + e.getCause().getMessage(), e);
        } catch (IOException e) {
            if (doc != null && doc.failure != null) {
                throw new PrintException(PrintException.Kind.INVALID, "reading the document failed: " + doc.failure, e);
            }
            throw new PrintException(PrintException.Kind.UNAVAILABLE, "talking to CUPS at " + ippUri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrintException(PrintException.Kind.UNAVAILABLE, "interrupted while talking to CUPS", e);
        }
    }

    /** @return the response, or a PrintException when its status is not successful. */
    IppMessage sendExpectingSuccess(String ippUri, IppMessage request, InputStream document) throws PrintException {
        IppMessage response = send(ippUri, request, document);
        if (!IppStatus.isSuccess(response.code())) {
            String message = response.operationAttribute("status-message").map(a -> a.stringValue()).orElse("");
            throw new PrintException(IppErrors.kind(response.code()), describe(request) + " refused by CUPS: "
                    + IppStatus.name(response.code()) + (message == null || message.isEmpty() ? "" : " (" + message + ")"));
        }
        return response;
    }

    static URI httpUri(String ippUri) {
        URI uri = URI.create(ippUri);
        String scheme = switch (uri.getScheme()) {
            case "ipp", "http" -> "http";
            case "ipps", "https" -> "https";
            default -> throw new IllegalArgumentException("not an IPP URI: " + ippUri);
        };
        int port = uri.getPort() == -1 ? 631 : uri.getPort();
        return URI.create(scheme + "://" + uri.getHost() + ":" + port + (uri.getRawPath() == null ? "/" : uri.getRawPath()));
    }

    private static PrintException.Kind httpKind(int status) {
        return switch (status) {
            case 404 -> PrintException.Kind.NOT_FOUND;
            case 413 -> PrintException.Kind.UNSUPPORTED;
            case 503, 502, 504 -> PrintException.Kind.UNAVAILABLE;
            default -> PrintException.Kind.FAILED;
        };
    }

    private static String describe(IppMessage request) {
        return org.deskplane.ipp.IppOperation.name(request.code());
    }

    /**
     * The caller's document: left open (the caller owns it), and its own read failure remembered so that a
     * broken document is not reported as an unreachable CUPS.
     */
    private static final class DocumentStream extends java.io.FilterInputStream {
        volatile IOException failure;

        DocumentStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() {
            // left open for the caller
        }
    }
}
