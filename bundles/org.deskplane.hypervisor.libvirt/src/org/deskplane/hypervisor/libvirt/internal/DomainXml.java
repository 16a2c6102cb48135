package org.deskplane.hypervisor.libvirt.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.deskplane.hypervisor.api.ChannelInfo;
import org.deskplane.hypervisor.api.DiskInfo;
import org.deskplane.hypervisor.api.HypervisorConnection;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reads the parts of libvirt domain XML Deskplane cares about, and edits Deskplane's metadata element. */
final class DomainXml {

    static final String METADATA_ELEMENT = "vm";
    static final String ENTRY_ELEMENT = "entry";
    private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final int MAX_METADATA_VALUE = 4096;
    private static final int MAX_METADATA_ENTRIES = 256;

    private final Document document;

    private DomainXml(Document document) {
        this.document = document;
    }

    static DomainXml parse(String xml) {
        DomainXml parsed = new DomainXml(SafeXml.parse(xml));
        if (!"domain".equals(parsed.root().getLocalName())) {
            throw new IllegalArgumentException("not libvirt domain XML: root element is <"
                    + parsed.root().getLocalName() + ">");
        }
        return parsed;
    }

    Element root() {
        return document.getDocumentElement();
    }

    String name() {
        Element name = child(root(), "name");
        return name == null ? null : name.getTextContent().trim();
    }

    /** The {@code <uuid>}, or null when the XML leaves it to libvirt to make one up. */
    String uuid() {
        Element uuid = child(root(), "uuid");
        return uuid == null || uuid.getTextContent().isBlank() ? null : uuid.getTextContent().trim();
    }

    /** This domain XML with a {@code <uuid>} (after {@code <name>}); only for XML that has none yet. */
    String withUuid(String uuid) {
        Element element = document.createElementNS(null, "uuid");
        element.setTextContent(uuid);
        Element name = child(root(), "name");
        root().insertBefore(element, name == null ? root().getFirstChild() : name.getNextSibling());
        return SafeXml.serialize(document);
    }

    /** The {@code <vcpu>} count (1 when absent or unreadable, as libvirt defaults). */
    int vcpus() {
        Element vcpu = child(root(), "vcpu");
        try {
            return vcpu == null ? 1 : Integer.parseInt(vcpu.getTextContent().trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The {@code <currentMemory>} (else {@code <memory>}) in KiB, 0 when absent or unreadable. */
    long memoryKiB() {
        Element memory = child(root(), "currentMemory");
        if (memory == null) {
            memory = child(root(), "memory");
        }
        if (memory == null) {
            return 0;
        }
        try {
            long value = Long.parseLong(memory.getTextContent().trim());
            return switch (orDefault(memory.getAttribute("unit"), "KiB")) {
                case "b", "bytes" -> value / 1024;
                case "KB" -> value * 1000 / 1024;
                case "k", "KiB" -> value;
                case "MB" -> value * 1_000_000 / 1024;
                case "M", "MiB" -> value << 10;
                case "GB" -> value * 1_000_000_000 / 1024;
                case "G", "GiB" -> value << 20;
                case "T", "TiB" -> value << 30;
                default -> 0;
            };
        } catch (NumberFormatException | ArithmeticException e) {
            return 0;
        }
    }

    List<DiskInfo> disks() {
        List<DiskInfo> disks = new ArrayList<>();
        for (Element disk : children(child(root(), "devices"), "disk")) {
            Element target = child(disk, "target");
            Element driver = child(disk, "driver");
            disks.add(new DiskInfo(attr(target, "dev"), orDefault(disk.getAttribute("device"), "disk"),
                    attr(target, "bus"), sourcePath(disk), attr(driver, "type"), child(disk, "readonly") != null,
                    backingChain(disk)));
        }
        return disks;
    }

    /** The {@code <disk>} element with this target, or null. */
    Element disk(String target) {
        for (Element disk : children(child(root(), "devices"), "disk")) {
            if (target.equals(attr(child(disk, "target"), "dev"))) {
                return disk;
            }
        }
        return null;
    }

    List<ChannelInfo> channels() {
        List<ChannelInfo> channels = new ArrayList<>();
        for (Element channel : children(child(root(), "devices"), "channel")) {
            channels.add(new ChannelInfo(channel.getAttribute("type"), attr(child(channel, "target"), "name"),
                    attr(child(channel, "source"), "path")));
        }
        return channels;
    }

    /** Whether the running VM's QEMU guest agent channel is connected (libvirt tracks the guest side's state). */
    boolean guestAgentConnected() {
        for (Element channel : children(child(root(), "devices"), "channel")) {
            Element target = child(channel, "target");
            if ("org.qemu.guest_agent.0".equals(attr(target, "name")) && "connected".equals(attr(target, "state"))) {
                return true;
            }
        }
        return false;
    }

    Map<String, String> metadata() {
        Map<String, String> values = new LinkedHashMap<>();
        Element ours = deskplaneMetadata();
        if (ours != null) {
            for (Node node = ours.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element entry && ENTRY_ELEMENT.equals(entry.getLocalName())
                        && values.size() < MAX_METADATA_ENTRIES) {
                    values.put(entry.getAttribute("key"), entry.getTextContent());
                }
            }
        }
        return values;
    }

    /** This domain XML with Deskplane's metadata element replaced by {@code values}. */
    String withMetadata(Map<String, String> values) {
        validate(values);
        Element metadata = child(root(), "metadata");
        if (metadata == null) {
            metadata = document.createElementNS(null, "metadata");
            root().appendChild(metadata);
        }
        Element old = deskplaneMetadata();
        if (old != null) {
            metadata.removeChild(old);
        }
        Element ours = document.createElementNS(HypervisorConnection.METADATA_NAMESPACE, "dp:" + METADATA_ELEMENT);
        values.forEach((key, value) -> {
            Element entry = document.createElementNS(HypervisorConnection.METADATA_NAMESPACE, "dp:" + ENTRY_ELEMENT);
            entry.setAttribute("key", key);
            entry.setTextContent(value);
            ours.appendChild(entry);
        });
        metadata.appendChild(ours);
        return SafeXml.serialize(document);
    }

    /**
     * The definition with a virtio channel {@code portName} on a Unix socket bound at {@code socketPath}, or empty
     * when it already has exactly that. A channel of the same name with another source is replaced.
     */
    java.util.Optional<String> withUnixChannel(String portName, String socketPath) {
        Element devices = child(root(), "devices");
        if (devices == null) {
            devices = document.createElementNS(null, "devices");
            root().appendChild(devices);
        }
        for (Element channel : children(devices, "channel")) {
            if (portName.equals(attr(child(channel, "target"), "name"))) {
                if ("unix".equals(channel.getAttribute("type")) && socketPath.equals(attr(child(channel, "source"), "path"))
                        && "bind".equals(attr(child(channel, "source"), "mode"))) {
                    return java.util.Optional.empty();
                }
                devices.removeChild(channel);
            }
        }
        Element channel = document.createElementNS(null, "channel");
        channel.setAttribute("type", "unix");
        Element source = document.createElementNS(null, "source");
        source.setAttribute("mode", "bind");
        source.setAttribute("path", socketPath);
        Element target = document.createElementNS(null, "target");
        target.setAttribute("type", "virtio");
        target.setAttribute("name", portName);
        channel.appendChild(source);
        channel.appendChild(target);
        devices.appendChild(channel);
        return java.util.Optional.of(SafeXml.serialize(document));
    }

    /**
     * The definition with a QEMU fw_cfg entry {@code name} read from {@code hostFile} (in a
     * {@code <sysinfo type='fwcfg'>}), or empty when it is already there with that file.
     */
    java.util.Optional<String> withFirmwareConfigFile(String name, String hostFile) {
        Element sysinfo = null;
        for (Element candidate : children(root(), "sysinfo")) {
            if ("fwcfg".equals(candidate.getAttribute("type"))) {
                sysinfo = candidate;
                break;
            }
        }
        if (sysinfo == null) {
            sysinfo = document.createElementNS(null, "sysinfo");
            sysinfo.setAttribute("type", "fwcfg");
            root().appendChild(sysinfo);
        }
        for (Element entry : children(sysinfo, "entry")) {
            if (name.equals(entry.getAttribute("name"))) {
                if (hostFile.equals(entry.getAttribute("file")) && entry.getTextContent().isEmpty()) {
                    return java.util.Optional.empty();
                }
                sysinfo.removeChild(entry);
            }
        }
        Element entry = document.createElementNS(null, "entry");
        entry.setAttribute("name", name);
        entry.setAttribute("file", hostFile);
        sysinfo.appendChild(entry);
        return java.util.Optional.of(SafeXml.serialize(document));
    }

    static void validate(Map<String, String> values) {
        if (values.size() > MAX_METADATA_ENTRIES) {
            throw new IllegalArgumentException("too many metadata entries: " + values.size() + " (limit "
                    + MAX_METADATA_ENTRIES + ")");
        }
        values.forEach((key, value) -> {
            if (key == null || !METADATA_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("metadata key must be 1-128 of letters, digits, '.', '_', '-': "
                        + key);
            }
            if (value == null || value.length() > MAX_METADATA_VALUE) {
                throw new IllegalArgumentException("metadata value of '" + key + "' must be a string of at most "
                        + MAX_METADATA_VALUE + " characters");
            }
        });
    }

    private Element deskplaneMetadata() {
        Element metadata = child(root(), "metadata");
        if (metadata == null) {
            return null;
        }
        for (Node node = metadata.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element
                    && HypervisorConnection.METADATA_NAMESPACE.equals(element.getNamespaceURI())) {
                return element;
            }
        }
        return null;
    }

    private static List<DiskInfo.BackingImage> backingChain(Element disk) {
        List<DiskInfo.BackingImage> chain = new ArrayList<>();
        Element backing = child(disk, "backingStore");
        // bounded: a chain deeper than this is not something a desktop image has
        while (backing != null && chain.size() < 64) {
            String path = sourcePath(backing);
            if (path == null) {
                break;
            }
            chain.add(new DiskInfo.BackingImage(path, attr(child(backing, "format"), "type")));
            backing = child(backing, "backingStore");
        }
        return chain;
    }

    private static String sourcePath(Element disk) {
        Element source = child(disk, "source");
        if (source == null) {
            return null;
        }
        for (String attribute : List.of("file", "dev", "volume", "name")) {
            if (source.hasAttribute(attribute)) {
                String pool = source.getAttribute("pool");
                return "volume".equals(attribute) && !pool.isEmpty() ? pool + "/" + source.getAttribute(attribute)
                        : source.getAttribute(attribute);
            }
        }
        return null;
    }

    static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent != null) {
            for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && name.equals(element.getLocalName())) {
                    found.add(element);
                }
            }
        }
        return found;
    }

    static String attr(Element element, String name) {
        if (element == null || !element.hasAttribute(name)) {
            return null;
        }
        return element.getAttribute(name);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
