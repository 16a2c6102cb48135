package org.deskplane.content.portal.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Serves the portal's static files at {@code /portal/}. A servlet rather than a whiteboard resource registration
 * so that {@code /portal} redirects to {@code /portal/}, the index page is served for the folder, nothing else is
 * listed, and every answer carries a strict Content-Security-Policy (the page only talks to its own origin).
 * Registered in the default whiteboard context, like the API dispatcher, so both share the HTTPS connector.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/portal/*",
        "osgi.http.whiteboard.servlet.name=deskplane-portal" })
public class PortalServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' blob: data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private transient StaticFiles files;

    @Activate
    void activate(BundleContext context) {
        files = new StaticFiles(context.getBundle()::getEntry);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getPathInfo() == null && request.getRequestURI().endsWith("/portal")) {
            // relative links in the page need the trailing slash
            response.sendRedirect(request.getRequestURI() + "/");
            return;
        }
        Optional<StaticFiles.StaticFile> file = files.find(request.getPathInfo());
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(file.get().contentType());
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        // the files change only with the bundle: revalidating every time keeps an updated bundle visible at once
        response.setHeader("Cache-Control", "no-cache");
        try (InputStream in = file.get().url().openStream(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }
}
