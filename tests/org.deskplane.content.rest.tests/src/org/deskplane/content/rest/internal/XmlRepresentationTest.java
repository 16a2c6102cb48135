package org.deskplane.content.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.deskplane.content.api.ContentEntry;
import org.deskplane.content.api.EntryType;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The XML form of the Profile API's answers: the same shape as the JSON one, always a well-formed document. */
class XmlRepresentationTest {

    record Note(String title, String text, Integer stars) {
    }

    record Folder(String name, List<Note> notes) {
    }

    private static String write(Object value, String rootName) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XmlRepresentation.write(value, rootName, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Parsing is the proof the document is well-formed: a broken one throws. */
    private static Element parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return document.getDocumentElement();
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }

    private static List<String> names(List<Element> elements) {
        return elements.stream().map(Element::getTagName).toList();
    }

    @Test
    void recordComponentsBecomeChildElementsInDeclarationOrder() throws Exception {
        Element root = parse(write(new Note("Groceries", "milk", 3), "note"));

        assertEquals("note", root.getTagName());
        assertEquals(List.of("title", "text", "stars"), names(children(root)));
        assertEquals("Groceries", children(root).get(0).getTextContent());
        assertEquals("milk", children(root).get(1).getTextContent());
        assertEquals("3", children(root).get(2).getTextContent());
    }

    @Test
    void listItemsAreNamedAfterTheirType() throws Exception {
        Instant modified = Instant.parse("2024-05-01T10:15:30Z");
        List<ContentEntry> entries = List.of(
                new ContentEntry("notes.txt", "/notes.txt", EntryType.FILE, 12, modified, null, "e1"),
                new ContentEntry("photos", "/photos", EntryType.DIRECTORY, 0, null, null, "e2"));

        Element root = parse(write(entries, "contentEntries"));

        assertEquals("contentEntries", root.getTagName());
        List<Element> items = children(root);
        assertEquals(List.of("contentEntry", "contentEntry"), names(items));
        assertEquals(List.of("name", "path", "type", "size", "modified", "etag"), names(children(items.get(0))),
                "the null link target is left out");
        assertEquals("FILE", children(items.get(0)).get(2).getTextContent());
        assertEquals("12", children(items.get(0)).get(3).getTextContent());
        assertEquals(modified.toString(), children(items.get(0)).get(4).getTextContent());
        assertEquals(List.of("name", "path", "type", "size", "etag"), names(children(items.get(1))),
                "null modification time and link target are left out");
    }

    @Test
    void nestedListsInRecordsAreWrappedInTheComponentElement() throws Exception {
        Folder folder = new Folder("inbox", List.of(new Note("a", "x", null), new Note("b", "y", 1)));

        Element root = parse(write(folder, "folder"));

        assertEquals(List.of("name", "notes"), names(children(root)));
        Element notes = children(root).get(1);
        assertEquals(List.of("note", "note"), names(children(notes)));
        assertEquals(List.of("title", "text"), names(children(children(notes).get(0))), "a null component is omitted");
        assertEquals(List.of("title", "text", "stars"), names(children(children(notes).get(1))));
    }

    @Test
    void markupCharactersAreEscaped() throws Exception {
        String tricky = "Tom & Jerry <b>\"quoted\"</b> a>b";
        String xml = write(new Note(tricky, "</text><injected/>", 0), "note");

        assertTrue(xml.contains("Tom &amp; Jerry &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; a&gt;b"), xml);
        assertFalse(xml.contains("<injected/>"), xml);
        Element root = parse(xml);
        assertEquals(tricky, children(root).get(0).getTextContent());
        assertEquals("</text><injected/>", children(root).get(1).getTextContent());
        assertEquals(3, children(root).size(), "the text did not add elements");
    }

    @Test
    void controlCharactersXmlCannotCarryAreReplaced() throws Exception {
        String name = "bell\u0007null\u0000esc\u001b";
        String xml = write(new Note(name, "tab\tnew\nline", 0), "note");

        Element root = parse(xml);
        assertEquals("bell\uFFFDnull\uFFFDesc\uFFFD", children(root).get(0).getTextContent());
        assertEquals("tab\tnew\nline", children(root).get(1).getTextContent(), "tab and newline are legal XML");
    }

    @Test
    void documentHasAnXmlDeclarationAndIsUtf8() throws Exception {
        byte[] bytes;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XmlRepresentation.write(new Note("Gr\u00fc\u00dfe \u20ac", "\u65e5\u672c", 1), "note", out);
        bytes = out.toByteArray();

        String xml = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml);
        assertEquals("Gr\u00fc\u00dfe \u20ac", children(parse(xml)).get(0).getTextContent());
        assertEquals("\u65e5\u672c", children(parse(xml)).get(1).getTextContent());
    }

    @Test
    void anEmptyListIsAnEmptyRootElement() throws Exception {
        Element root = parse(write(List.of(), "dataSources"));

        assertEquals("dataSources", root.getTagName());
        assertTrue(children(root).isEmpty());
    }
}
