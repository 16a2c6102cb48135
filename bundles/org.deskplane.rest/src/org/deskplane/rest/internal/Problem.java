package org.deskplane.rest.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

/** Writes RFC 9457 problem details ({@code application/problem+json}). */
final class Problem {

    private Problem() {
    }

    static void write(HttpServletResponse response, int status, String title, String detail, String instance,
            Map<String, Object> extensions) throws IOException {
        if (response.isCommitted()) {
            return; // a streaming body already started; the client sees a truncated answer
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (instance != null) {
            body.put("instance", instance);
        }
        if (extensions != null) {
            body.putAll(extensions);
        }
        Json.MAPPER.writeValue(response.getOutputStream(), body);
    }
}
