package org.deskplane.ipp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A named attribute with one value, or several (a 1setOf). */
public record IppAttribute(String name, List<IppValue> values) {

    public IppAttribute {
        Objects.requireNonNull(name, "name");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("attribute " + name + " has no value");
        }
    }

    public static IppAttribute of(String name, IppValue... values) {
        return new IppAttribute(name, Arrays.asList(values));
    }

    public static IppAttribute strings(int tag, String name, List<String> values) {
        List<IppValue> list = new ArrayList<>();
        values.forEach(v -> list.add(new IppValue.StringValue(tag, v)));
        return new IppAttribute(name, list);
    }

    public static IppAttribute keyword(String name, String... values) {
        return strings(IppTags.KEYWORD, name, Arrays.asList(values));
    }

    public static IppAttribute text(String name, String value) {
        return strings(IppTags.TEXT_WITHOUT_LANGUAGE, name, List.of(value));
    }

    public static IppAttribute name(String name, String value) {
        return strings(IppTags.NAME_WITHOUT_LANGUAGE, name, List.of(value));
    }

    public static IppAttribute uri(String name, String value) {
        return strings(IppTags.URI, name, List.of(value));
    }

    public static IppAttribute mimeType(String name, String value) {
        return strings(IppTags.MIME_MEDIA_TYPE, name, List.of(value));
    }

    public static IppAttribute integer(String name, int... values) {
        return new IppAttribute(name, Arrays.stream(values).mapToObj(v -> (IppValue) new IppValue.IntegerValue(IppTags.INTEGER, v)).toList());
    }

    public static IppAttribute enumeration(String name, int... values) {
        return new IppAttribute(name, Arrays.stream(values).mapToObj(v -> (IppValue) new IppValue.IntegerValue(IppTags.ENUM, v)).toList());
    }

    public static IppAttribute bool(String name, boolean value) {
        return of(name, new IppValue.BooleanValue(value));
    }

    public static IppAttribute collection(String name, IppAttribute... members) {
        return of(name, new IppValue.CollectionValue(Arrays.asList(members)));
    }

    /** @return the first value. */
    public IppValue value() {
        return values.get(0);
    }

    /** @return the first value as text (string syntaxes, with or without language), or {@code null}. */
    public String stringValue() {
        return asString(value());
    }

    /** @return every value that is a string, as text, in order. */
    public List<String> stringValues() {
        return values.stream().map(IppAttribute::asString).filter(Objects::nonNull).toList();
    }

    /** @return the first value as an integer or enum; {@code fallback} if it is neither. */
    public int intValue(int fallback) {
        return value() instanceof IppValue.IntegerValue i ? i.value() : fallback;
    }

    /** @return every integer/enum value, in order. */
    public List<Integer> intValues() {
        return values.stream().filter(IppValue.IntegerValue.class::isInstance)
                .map(v -> ((IppValue.IntegerValue) v).value()).toList();
    }

    private static String asString(IppValue v) {
        if (v instanceof IppValue.StringValue s) {
            return s.value();
        }
        if (v instanceof IppValue.StringWithLanguage s) {
            return s.value();
        }
        return null;
    }
}
