package org.deskplane.content.rest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * The XML representation of the Profile API's records: one element per record named after its type, one child
 * element per component; lists are wrapped in a plural element. Only records, collections and plain values are
 * written, so the shape follows the JSON one exactly.
 */
final class XmlRepresentation {

    private XmlRepresentation() {
    }

    static void write(Object value, String rootName, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        element(writer, rootName, value);
        writer.write('\n');
        writer.flush();
    }

    private static void element(Writer out, String name, Object value) throws IOException {
        if (value == null) {
            return;
        }
        out.write('<');
        out.write(name);
        out.write('>');
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                element(out, elementName(item), item);
            }
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    element(out, component.getName(), component.getAccessor().invoke(record));
                } catch (ReflectiveOperationException e) {
                    throw new IOException("cannot read " + component.getName(), e);
                }
            }
        } else {
            escape(out, value.toString());
        }
        out.write("</");
        out.write(name);
        out.write('>');
    }

    static String elementName(Object item) {
        String simple = item == null ? "item" : item.getClass().getSimpleName();
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    private static void escape(Writer out, String text) throws IOException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.write("&lt;");
                case '>' -> out.write("&gt;");
                case '&' -> out.write("&amp;");
                case '"' -> out.write("&quot;");
                default -> {
                    // characters XML 1.0 cannot carry at all are replaced rather than producing a broken document
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.write('\uFFFD');
                    } else {
                        out.write(c);
                    }
                }
            }
        }
    }
}
