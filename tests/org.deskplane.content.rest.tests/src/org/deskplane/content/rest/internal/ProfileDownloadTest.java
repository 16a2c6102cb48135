package org.deskplane.content.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.deskplane.content.api.ContentAccess;
import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.ContentException;
import org.deskplane.content.api.ContentReader;
import org.deskplane.content.api.DataSource;
import org.deskplane.content.api.EntryType;
import org.deskplane.content.api.RequestContext;
import org.deskplane.rest.api.ApiException;
import org.deskplane.rest.api.ApiResult;
import org.deskplane.rest.api.Route;
import org.deskplane.rest.testing.FakeApiRequest;
import org.deskplane.security.api.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The download route: ranges, conditional requests, and content failures as problem statuses. */
class ProfileDownloadTest {
    private static final byte[] CONTENT = "0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final String ETAG = "abc123";

    private final OneFileAccess access = new OneFileAccess();
    private Route download;
    private Route stat;

    @BeforeEach
    void setUp() throws Exception {
        ProfileResource resource = new ProfileResource();
        Field field = ProfileResource.class.getDeclaredField("access");
        field.setAccessible(true);
        field.set(resource, access);
        download = route(resource, "GET", "/profile/sources/{source}/content");
        stat = route(resource, "GET", "/profile/sources/{source}/stat");
    }

    private static Route route(ProfileResource resource, String method, String path) {
        return resource.routes().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + method + " " + path));
    }

    private static FakeApiRequest request() {
        return new FakeApiRequest("GET", "/profile/sources/desk-1/content").as("alice", Role.USER)
                .pathParam("source", "desk-1").query("path", "/docs/digits.txt");
    }

    private static byte[] body(ApiResult result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.writer().writeTo(out);
        return out.toByteArray();
    }

    @Test
    void withoutRangeTheWholeFileIsSent() throws Exception {
        ApiResult result = download.handler().handle(request());

        assertEquals(200, result.status());
        assertEquals("\"" + ETAG + "\"", result.headers().get("ETag"));
        assertEquals("bytes", result.headers().get("Accept-Ranges"));
        assertEquals("10", result.headers().get("Content-Length"));
        assertNull(result.headers().get("Content-Range"));
        assertEquals("Wed, 1 May 2024 10:15:30 GMT", result.headers().get("Last-Modified"));
        assertArrayEquals(CONTENT, body(result));
        assertTrue(access.reader.closed, "the body writer closes the reader");
        assertEquals("desk-1", access.source);
        assertEquals("/docs/digits.txt", access.path);
        assertEquals("alice", access.context.user());
    }

    @Test
    void aRangeIsAnsweredWith206AndContentRange() throws Exception {
        ApiResult result = download.handler().handle(request().header("Range", "bytes=2-5"));

        assertEquals(206, result.status());
        assertEquals("bytes 2-5/10", result.headers().get("Content-Range"));
        assertEquals("4", result.headers().get("Content-Length"));
        assertArrayEquals("2345".getBytes(StandardCharsets.US_ASCII), body(result));
    }

    @Test
    void aSuffixRangeSendsTheEnd() throws Exception {
        ApiResult result = download.handler().handle(request().header("Range", "bytes=-3"));

        assertEquals(206, result.status());
        assertEquals("bytes 7-9/10", result.headers().get("Content-Range"));
        assertArrayEquals("789".getBytes(StandardCharsets.US_ASCII), body(result));
    }

    @Test
    void aRangeIsIgnoredWhenIfRangeNamesAnotherVersion() throws Exception {
        ApiResult result = download.handler()
                .handle(request().header("Range", "bytes=2-5").header("If-Range", "\"an-older-etag\""));

        assertEquals(200, result.status());
        assertArrayEquals(CONTENT, body(result));
    }

    @Test
    void anUnsatisfiableRangeIs416AndClosesTheReader() {
        ApiException e = assertThrows(ApiException.class,
                () -> download.handler().handle(request().header("Range", "bytes=10-20")));

        assertEquals(416, e.status());
        assertTrue(e.detail().contains("10 bytes"), e.detail());
        assertTrue(access.reader.closed, "nothing is left open when no body is sent");
    }

    @Test
    void aMatchingIfNoneMatchIs304WithoutBody() throws Exception {
        ApiResult result = download.handler()
                .handle(request().header("If-None-Match", "\"other\", \"" + ETAG + "\"").header("Range", "bytes=0-1"));

        assertEquals(304, result.status());
        assertNull(result.writer());
        assertEquals("\"" + ETAG + "\"", result.headers().get("ETag"));
        assertTrue(access.reader.closed);
    }

    @Test
    void aStaleIfNoneMatchSendsTheFile() throws Exception {
        ApiResult result = download.handler().handle(request().header("If-None-Match", "\"other\""));

        assertEquals(200, result.status());
        assertArrayEquals(CONTENT, body(result));
    }

    @Test
    void ifModifiedSinceAfterTheModificationIs304() throws Exception {
        ApiResult unchanged = download.handler()
                .handle(request().header("If-Modified-Since", "Wed, 1 May 2024 10:15:30 GMT"));
        assertEquals(304, unchanged.status());

        ApiResult changed = download.handler()
                .handle(request().header("If-Modified-Since", "Wed, 1 May 2024 10:15:29 GMT"));
        assertEquals(200, changed.status());
    }

    @Test
    void contentFailuresBecomeProblemStatuses() {
        access.failure = new ContentException(ContentException.Reason.DENIED, "policy says no");

        ApiException e = assertThrows(ApiException.class, () -> download.handler().handle(request()));

        assertEquals(403, e.status());
        assertEquals("policy says no", e.detail());
    }

    @Test
    void anonymousCallersAreRefused() {
        FakeApiRequest anonymous = new FakeApiRequest("GET", "/profile/sources/desk-1/content")
                .pathParam("source", "desk-1");

        ApiException e = assertThrows(ApiException.class, () -> download.handler().handle(anonymous));

        assertEquals(401, e.status());
        assertNull(access.path, "the content layer was not asked");
    }

    @Test
    void statAnswersXmlWhenAskedFor() throws Exception {
        ApiResult json = stat.handler().handle(request());
        assertEquals(access.entry, json.json());

        ApiResult xml = stat.handler().handle(request().header("Accept", "application/xml"));
        assertTrue(xml.contentType().startsWith("application/xml"), xml.contentType());
        String document = new String(body(xml), StandardCharsets.UTF_8);
        assertTrue(document.contains("<contentEntry><name>digits.txt</name>"), document);
        assertFalse(document.contains("linkTarget"), document);
    }

    /** A content layer holding one ten-byte file. */
    private static final class OneFileAccess implements ContentAccess {
        final ContentEntry entry = new ContentEntry("digits.txt", "/docs/digits.txt", EntryType.FILE, CONTENT.length,
                Instant.parse("2024-05-01T10:15:30.250Z"), null, ETAG);
        ArrayReader reader;
        ContentException failure;
        RequestContext context;
        String source;
        String path;

        @Override
        public ContentReader open(RequestContext context, String sourceId, String path) throws IOException {
            remember(context, sourceId, path);
            reader = new ArrayReader(entry);
            return reader;
        }

        @Override
        public ContentEntry stat(RequestContext context, String sourceId, String path) throws IOException {
            remember(context, sourceId, path);
            return entry;
        }

        private void remember(RequestContext context, String sourceId, String path) throws ContentException {
            this.context = context;
            this.source = sourceId;
            this.path = path;
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public List<DataSource> sources(RequestContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ContentEntry> list(RequestContext context, String sourceId, String path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ContentEntry> search(RequestContext context, String sourceId, String path, String query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ContentEntry write(RequestContext context, String sourceId, String path, InputStream content) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(RequestContext context, String sourceId, String path) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class ArrayReader implements ContentReader {
        private final ContentEntry entry;
        boolean closed;

        ArrayReader(ContentEntry entry) {
            this.entry = entry;
        }

        @Override
        public ContentEntry entry() {
            return entry;
        }

        @Override
        public int read(long position, byte[] buffer, int offset, int length) throws IOException {
            if (closed) {
                throw new IOException("closed");
            }
            if (position >= CONTENT.length) {
                return -1;
            }
            // hand out at most 3 bytes per call so the copy loop has to continue
            int n = (int) Math.min(Math.min(length, 3), CONTENT.length - position);
            System.arraycopy(Arrays.copyOfRange(CONTENT, (int) position, (int) position + n), 0, buffer, offset, n);
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
