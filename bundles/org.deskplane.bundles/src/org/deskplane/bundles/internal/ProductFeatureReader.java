package org.deskplane.bundles.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.deskplane.bundles.api.FeatureInfo;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Features that came with the product: {@code ${osgi.install.area}/features/*}{@code /feature.xml}, as laid
 * down by p2 when the product was materialized. Read with the JDK's XML parser, DTDs off, size bounded.
 */
final class ProductFeatureReader {
    static final String SOURCE = "product";
    private static final long MAX_BYTES = 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(ProductFeatureReader.class.getName());

    private ProductFeatureReader() {
    }

    /** @param installArea the value of {@code osgi.install.area} (a URL), or null */
    static List<FeatureInfo> read(String installArea) {
        Optional<Path> features = featuresFolder(installArea);
        if (features.isEmpty()) {
            return List.of();
        }
        List<FeatureInfo> result = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(features.get(), Files::isDirectory)) {
            for (Path folder : folders) {
                Path xml = folder.resolve("feature.xml");
                if (Files.isRegularFile(xml)) {
                    parse(xml).ifPresent(result::add);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list product features in " + features.get(), e);
        }
        return result;
    }

    private static Optional<Path> featuresFolder(String installArea) {
        if (installArea == null || installArea.isBlank()) {
            return Optional.empty();
        }
        try {
            // osgi.install.area is a URL that is often not properly encoded (spaces): tolerate both forms
            String spec = installArea.startsWith("file:") ? installArea : "file:" + installArea;
            Path area = Path.of(new URI(spec.replace(" ", "%20")));
            Path features = area.resolve("features");
            return Files.isDirectory(features) ? Optional.of(features) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<FeatureInfo> parse(Path xml) {
        try {
            if (Files.size(xml) > MAX_BYTES) {
                LOG.warning(xml + " is larger than " + MAX_BYTES + " bytes; ignored");
                return Optional.empty();
            }
            Document document;
            try (InputStream in = Files.newInputStream(xml)) {
                document = secureBuilder().parse(in);
            }
            Element root = document.getDocumentElement();
            if (!"feature".equals(root.getTagName()) || root.getAttribute("id").isEmpty()) {
                return Optional.empty();
            }
            List<String> plugins = new ArrayList<>();
            NodeList nodes = root.getElementsByTagName("plugin");
            for (int i = 0; i < nodes.getLength(); i++) {
                String id = ((Element) nodes.item(i)).getAttribute("id");
                if (!id.isEmpty()) {
                    plugins.add(id);
                }
            }
            String id = root.getAttribute("id");
            String label = root.getAttribute("label");
            // "%name" labels point into feature.properties; the id says more than an unresolved key
            if (label.isEmpty() || label.startsWith("%")) {
                label = id;
            }
            return Optional.of(new FeatureInfo(id, root.getAttribute("version"), label, SOURCE, List.copyOf(plugins)));
        } catch (IOException | SAXException | ParserConfigurationException e) {
            LOG.log(Level.WARNING, "cannot read product feature " + xml, e);
            return Optional.empty();
        }
    }

    private static DocumentBuilder secureBuilder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder();
    }
}
