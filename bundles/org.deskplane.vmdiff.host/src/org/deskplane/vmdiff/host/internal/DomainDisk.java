package org.deskplane.vmdiff.host.internal;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Points a domain's first hard disk at this host's overlay. The saved state of a VM names the disk files of the host
 * that saved it; resuming elsewhere gives libvirt the same definition with this host's path (and without the old
 * backing chain, which libvirt reads again from the overlay's header).
 */
final class DomainDisk {

    private DomainDisk() {
    }

    static String pointFirstDisk(String domainXml, Path overlay) {
        try {
            Document doc = parse(domainXml);
            NodeList disks = doc.getElementsByTagName("disk");
            for (int i = 0; i < disks.getLength(); i++) {
                Element disk = (Element) disks.item(i);
                if (!"disk".equals(disk.getAttribute("device")) && disk.hasAttribute("device")) {
                    continue;
                }
                disk.setAttribute("type", "file");
                Element source = child(disk, "source");
                if (source == null) {
                    source = doc.createElement("source");
                    disk.appendChild(source);
                }
                for (String attribute : new String[] { "dev", "pool", "volume", "name", "protocol" }) {
                    source.removeAttribute(attribute);
                }
                source.setAttribute("file", overlay.toString());
                for (Element backing = child(disk, "backingStore"); backing != null; backing = child(disk, "backingStore")) {
                    disk.removeChild(backing);
                }
                Element driver = child(disk, "driver");
                if (driver != null) {
                    driver.setAttribute("type", "qcow2");
                }
                return write(doc);
            }
            throw new IllegalArgumentException("the domain has no hard disk to run on the overlay");
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable domain XML: " + e.getMessage(), e);
        }
    }

    /** The domain's UUID, or "" when it has none yet. */
    static String uuid(String domainXml) {
        try {
            Element uuid = child(parse(domainXml).getDocumentElement(), "uuid");
            return uuid == null ? "" : uuid.getTextContent().trim();
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable domain XML: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    private static Document parse(String xml) throws Exception {
        if (xml.length() > 1_000_000) {
            throw new IllegalArgumentException("domain XML of " + xml.length() + " characters");
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(new InputSource(new StringReader(xml)));
    }

    private static String write(Document doc) throws Exception {
        Transformer transformer = TransformerFactory.newInstance().newTransformer();
        transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        StringWriter out = new StringWriter();
        transformer.transform(new DOMSource(doc), new StreamResult(out));
        return out.toString();
    }
}
