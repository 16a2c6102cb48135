package org.deskplane.ipp;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One value of an IPP attribute. Each record covers the value syntaxes that share an encoding; {@link #tag()}
 * tells which syntax exactly (for example integer or enum, keyword or uri).
 */
public sealed interface IppValue {

    /** @return the RFC 8010 value tag this value is written with. */
    int tag();

    /** integer ({@code 0x21}) or enum ({@code 0x23}). */
    record IntegerValue(int tag, int value) implements IppValue {
        public IntegerValue {
            if (tag != IppTags.INTEGER && tag != IppTags.ENUM) {
                throw new IllegalArgumentException("not an integer tag: " + IppTags.name(tag));
            }
        }
    }

    /** boolean ({@code 0x22}). */
    record BooleanValue(boolean value) implements IppValue {
        @Override
        public int tag() {
            return IppTags.BOOLEAN;
        }
    }

    /** The character-string syntaxes without a language: text, name, keyword, uri, charset, mimeMediaType… */
    record StringValue(int tag, String value) implements IppValue {
        public StringValue {
            if (!IppTags.isString(tag) || tag == IppTags.MEMBER_ATTR_NAME) {
                throw new IllegalArgumentException("not a string tag: " + IppTags.name(tag));
            }
            Objects.requireNonNull(value, "value");
        }
    }

    /** textWithLanguage ({@code 0x35}) or nameWithLanguage ({@code 0x36}). */
    record StringWithLanguage(int tag, String language, String value) implements IppValue {
        public StringWithLanguage {
            if (tag != IppTags.TEXT_WITH_LANGUAGE && tag != IppTags.NAME_WITH_LANGUAGE) {
                throw new IllegalArgumentException("not a with-language tag: " + IppTags.name(tag));
            }
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * octetString ({@code 0x30}), or a value whose tag this package does not know: kept as its raw bytes so
     * that a message round-trips.
     */
    record OctetsValue(int tag, byte[] value) implements IppValue {
        public OctetsValue {
            if (IppTags.isDelimiter(tag) || IppTags.isOutOfBand(tag) || tag == IppTags.EXTENSION || tag > 0xFF
                    || tag == IppTags.BEGIN_COLLECTION || tag == IppTags.END_COLLECTION
                    || tag == IppTags.MEMBER_ATTR_NAME) {
                throw new IllegalArgumentException("not an octets tag: " + IppTags.name(tag));
            }
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OctetsValue other && other.tag == tag && Arrays.equals(other.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * tag + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return IppTags.name(tag) + "[" + HexFormat.of().formatHex(value) + "]";
        }
    }

    /** dateTime ({@code 0x31}): RFC 2579 DateAndTime, to the tenth of a second. */
    record DateTimeValue(OffsetDateTime value) implements IppValue {
        public DateTimeValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int tag() {
            return IppTags.DATE_TIME;
        }
    }

    /** resolution ({@code 0x32}); units 3 = dots per inch, 4 = dots per centimetre. */
    record ResolutionValue(int crossFeed, int feed, int units) implements IppValue {
        public static final int DOTS_PER_INCH = 3;
        public static final int DOTS_PER_CM = 4;

        public ResolutionValue {
            if (units != DOTS_PER_INCH && units != DOTS_PER_CM) {
                throw new IllegalArgumentException("resolution units must be 3 (dpi) or 4 (dpcm): " + units);
            }
        }

        @Override
        public int tag() {
            return IppTags.RESOLUTION;
        }
    }

    /** rangeOfInteger ({@code 0x33}), lower ≤ upper. */
    record RangeValue(int lower, int upper) implements IppValue {
        public RangeValue {
            if (lower > upper) {
                throw new IllegalArgumentException("range lower bound " + lower + " > upper bound " + upper);
            }
        }

        @Override
        public int tag() {
            return IppTags.RANGE_OF_INTEGER;
        }
    }

    /** collection ({@code 0x34} … {@code 0x37}): named members, each with one value or several. */
    record CollectionValue(List<IppAttribute> members) implements IppValue {
        public CollectionValue {
            members = List.copyOf(members);
        }

        @Override
        public int tag() {
            return IppTags.BEGIN_COLLECTION;
        }

        /** @return the member called {@code name}, or {@code null}. */
        public IppAttribute member(String name) {
            return members.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
        }
    }

    /** An out-of-band value: unsupported, unknown, no-value, not-settable, delete-attribute, admin-define. */
    record OutOfBandValue(int tag) implements IppValue {
        public OutOfBandValue {
            if (!IppTags.isOutOfBand(tag)) {
                throw new IllegalArgumentException("not an out-of-band tag: " + IppTags.name(tag));
            }
        }
    }
}
