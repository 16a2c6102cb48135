package org.deskplane.ipp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One attribute group of a message: its delimiter tag (operation, job, printer…) and its attributes in order. */
public record AttributeGroup(int tag, List<IppAttribute> attributes) {

    public AttributeGroup {
        if (!IppTags.isDelimiter(tag) || tag == IppTags.END_OF_ATTRIBUTES || tag == 0) {
            throw new IllegalArgumentException("not a group tag: " + IppTags.name(tag));
        }
        attributes = List.copyOf(Objects.requireNonNull(attributes, "attributes"));
    }

    /** @return the first attribute called {@code name}. */
    public Optional<IppAttribute> get(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** @return the first value of {@code name} as text, or {@code null}. */
    public String string(String name) {
        return get(name).map(IppAttribute::stringValue).orElse(null);
    }

    /** @return the first value of {@code name} as an integer, or {@code fallback}. */
    public int integer(String name, int fallback) {
        return get(name).map(a -> a.intValue(fallback)).orElse(fallback);
    }
}
