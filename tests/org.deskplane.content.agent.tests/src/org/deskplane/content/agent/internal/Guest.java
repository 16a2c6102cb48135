package org.deskplane.content.agent.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deskplane.channel.api.ChannelMessage;

/** Test support: guest roots configured like ConfigAdmin would, and handlers called as the channel calls them. */
final class Guest {
    private static final Pattern NAME = Pattern.compile("\"n\":\"([^\"]*)\"");

    private Guest() {
    }

    static GuestRoots.Config config(String... roots) {
        return new GuestRoots.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return GuestRoots.Config.class;
            }

            @Override
            public String[] roots() {
                return roots.clone();
            }
        };
    }

    static GuestRoots roots(Path... dirs) {
        GuestRoots roots = new GuestRoots();
        roots.configure(config(Arrays.stream(dirs).map(Path::toString).toArray(String[]::new)));
        return roots;
    }

    /** The handler with its DS reference set, as SCR would. */
    static <H extends ContentHandler> H wired(H handler, GuestRoots roots) {
        try {
            Field field = handler.getClass().getDeclaredField("roots");
            field.setAccessible(true);
            field.set(handler, roots);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return handler;
    }

    static byte[] call(ContentHandler handler, String type, String requestJson) {
        return call(handler, type, requestJson.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] call(ContentHandler handler, String type, byte[] request) {
        return handler.handle(new ChannelMessage(type, 1, request), null).toCompletableFuture().join();
    }

    static String text(byte[] answer) {
        return new String(answer, StandardCharsets.UTF_8);
    }

    /** A JSON string literal (the test paths are plain ASCII without quotes). */
    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The entry names of a listing answer, in answer order. */
    static List<String> names(String answer) {
        List<String> names = new ArrayList<>();
        Matcher m = NAME.matcher(answer);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static String errorPrefix(String reason) {
        return "{\"v\":1,\"error\":\"" + reason + "\",\"message\":";
    }
}
