package org.deskplane.ipp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An IPP request or response up to its end-of-attributes tag.
 *
 * @param versionMajor 1 or 2
 * @param versionMinor 0 or 1 (for 1.x), 0–2 (for 2.x)
 * @param code the operation id of a request, the status code of a response
 * @param requestId chosen by the client, echoed by the server
 * @param groups the attribute groups in wire order (a tag may repeat: one job group per job in Get-Jobs)
 */
public record IppMessage(int versionMajor, int versionMinor, int code, int requestId, List<AttributeGroup> groups) {

    public IppMessage {
        if (versionMajor < 0 || versionMajor > 0xFF || versionMinor < 0 || versionMinor > 0xFF) {
            throw new IllegalArgumentException("version out of range");
        }
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("operation/status code out of range: " + code);
        }
        groups = List.copyOf(groups);
    }

    /** @return a builder for a request that already has attributes-charset utf-8 and natural-language en. */
    public static Builder request(int operation, int requestId) {
        return new Builder(operation, requestId);
    }

    /** @return a builder for a response with the same charset/natural-language operation attributes. */
    public static Builder response(int status, int requestId) {
        return new Builder(status, requestId);
    }

    /** @return the first group with {@code tag}. */
    public Optional<AttributeGroup> group(int tag) {
        return groups.stream().filter(g -> g.tag() == tag).findFirst();
    }

    /** @return every group with {@code tag}, in order. */
    public List<AttributeGroup> groups(int tag) {
        return groups.stream().filter(g -> g.tag() == tag).toList();
    }

    /** @return an operation attribute by name. */
    public Optional<IppAttribute> operationAttribute(String name) {
        return group(IppTags.OPERATION_ATTRIBUTES).flatMap(g -> g.get(name));
    }

    /** Builds a message group by group; the first group is the operation attributes. */
    public static final class Builder {
        private int versionMajor = 2;
        private int versionMinor = 0;
        private final int code;
        private final int requestId;
        private final List<AttributeGroup> groups = new ArrayList<>();
        private int currentTag = IppTags.OPERATION_ATTRIBUTES;
        private List<IppAttribute> current = new ArrayList<>();

        private Builder(int code, int requestId) {
            this.code = code;
            this.requestId = requestId;
            current.add(IppAttribute.strings(IppTags.CHARSET, "attributes-charset", List.of("utf-8")));
            current.add(IppAttribute.strings(IppTags.NATURAL_LANGUAGE, "attributes-natural-language", List.of("en")));
        }

        public Builder version(int major, int minor) {
            this.versionMajor = major;
            this.versionMinor = minor;
            return this;
        }

        /** Adds attributes to the group being built (the operation attributes until {@link #group} is called). */
        public Builder add(IppAttribute... attributes) {
            current.addAll(Arrays.asList(attributes));
            return this;
        }

        /** Closes the current group and starts another one with {@code tag}. */
        public Builder group(int tag) {
            groups.add(new AttributeGroup(currentTag, current));
            currentTag = tag;
            current = new ArrayList<>();
            return this;
        }

        public IppMessage build() {
            List<AttributeGroup> all = new ArrayList<>(groups);
            all.add(new AttributeGroup(currentTag, current));
            return new IppMessage(versionMajor, versionMinor, code, requestId, all);
        }
    }
}
