package org.deskplane.model.store.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.deskplane.model.DeskplanePackage;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.xmi.XMLResource;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceImpl;

/** Turns a model into XMI bytes and back, without the Eclipse extension registry (plain OSGi or plain JVM). */
final class XmiCodec {

    private XmiCodec() {
    }

    /** A resource set that knows our package explicitly: no plugin.xml processing is needed. */
    static ResourceSet newResourceSet() {
        ResourceSet resourceSet = new ResourceSetImpl();
        resourceSet.getPackageRegistry().put(DeskplanePackage.eNS_URI, DeskplanePackage.eINSTANCE);
        return resourceSet;
    }

    /** Serializes a copy of {@code root} (the caller's object stays where it is). Returns the copy and its bytes. */
    static Encoded encode(EObject root) throws IOException {
        EObject copy = EcoreUtil.copy(root);
        Resource resource = new XMIResourceImpl(URI.createURI("deskplane:/model.xmi"));
        newResourceSet().getResources().add(resource);
        resource.getContents().add(copy);
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        resource.save(out, saveOptions());
        return new Encoded(copy, out.toByteArray());
    }

    record Encoded(EObject root, byte[] bytes) {
    }

    /**
     * Parses XMI bytes into a root object.
     *
     * @throws IOException with a reason when the bytes are not a single-rooted model of a known package
     */
    static EObject decode(byte[] bytes, String description) throws IOException {
        Resource resource = new XMIResourceImpl(URI.createURI("deskplane:/" + description));
        newResourceSet().getResources().add(resource);
        try {
            resource.load(new ByteArrayInputStream(bytes), loadOptions());
        } catch (RuntimeException e) {
            // EMF's parser reports some malformations as unchecked exceptions
            throw new IOException(e.toString(), e);
        }
        if (!resource.getErrors().isEmpty()) {
            throw new IOException(resource.getErrors().get(0).getMessage());
        }
        if (resource.getContents().size() != 1) {
            throw new IOException("expected one root object, found " + resource.getContents().size());
        }
        return resource.getContents().get(0);
    }

    private static Map<Object, Object> saveOptions() {
        Map<Object, Object> options = new HashMap<>();
        options.put(XMLResource.OPTION_ENCODING, "UTF-8");
        options.put(XMLResource.OPTION_LINE_WIDTH, 120);
        return options;
    }

    private static Map<Object, Object> loadOptions() {
        Map<Object, Object> options = new HashMap<>();
        options.put(XMLResource.OPTION_DEFER_IDREF_RESOLUTION, Boolean.TRUE);
        // model files are ours, but a parser never needs DTDs or external entities here: refuse them
        Map<String, Boolean> features = new HashMap<>();
        features.put("http://apache.org/xml/features/disallow-doctype-decl", Boolean.TRUE);
        features.put("http://xml.org/sax/features/external-general-entities", Boolean.FALSE);
        features.put("http://xml.org/sax/features/external-parameter-entities", Boolean.FALSE);
        options.put(XMLResource.OPTION_PARSER_FEATURES, features);
        return options;
    }
}
