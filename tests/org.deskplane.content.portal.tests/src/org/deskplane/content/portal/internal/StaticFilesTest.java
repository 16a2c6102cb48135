package org.deskplane.content.portal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** Which request paths below /portal reach which files of the bundle's web folder, and which never do. */
class StaticFilesTest {

    private final Bundle bundle = FrameworkUtil.getBundle(StaticFiles.class);
    private final StaticFiles files = new StaticFiles(bundle::getEntry);

    @Test
    void theFolderItselfIsTheIndexPage() throws IOException {
        for (String path : new String[] { null, "/" }) {
            StaticFiles.StaticFile index = files.find(path).orElseThrow();
            assertEquals("text/html; charset=UTF-8", index.contentType());
            String html = read(index.url());
            assertTrue(html.contains("src=\"portal.js\"") && html.contains("href=\"portal.css\""), html);
        }
    }

    @Test
    void theScriptAndStyleTheIndexNamesAreThereWithTheirTypes() throws IOException {
        assertEquals("text/javascript; charset=UTF-8", files.find("/portal.js").orElseThrow().contentType());
        assertEquals("text/css; charset=UTF-8", files.find("/portal.css").orElseThrow().contentType());
        assertTrue(read(files.find("/portal.js").orElseThrow().url()).contains("sessionStorage"),
                "the token lives in sessionStorage");
    }

    @Test
    void nothingOutsideTheWebFolderNorUnknownKindsNorFoldersAreServed() {
        for (String path : new String[] { "/../META-INF/MANIFEST.MF", "/..", "/.hidden.js", "/sub/portal.js",
                "/META-INF/MANIFEST.MF", "/portal.js/", "/missing.js", "/index.html.bak", "/web/index.html",
                "//etc/passwd.css", "/org/deskplane/content/portal/internal/PortalServlet.class", "/" + "a".repeat(10) }) {
            assertTrue(files.find(path).isEmpty(), path);
        }
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
