package org.deskplane.ipp;

/**
 * The one-byte tags of RFC 8010: delimiter tags (below {@code 0x10}) start an attribute group or end the
 * attributes; value tags (from {@code 0x10}) say the syntax of one value.
 */
public final class IppTags {

    // delimiter tags (RFC 8010 §3.5.1, plus the later groups of PWG 5100.x)
    public static final int OPERATION_ATTRIBUTES = 0x01;
    public static final int JOB_ATTRIBUTES = 0x02;
    public static final int END_OF_ATTRIBUTES = 0x03;
    public static final int PRINTER_ATTRIBUTES = 0x04;
    public static final int UNSUPPORTED_ATTRIBUTES = 0x05;
    public static final int SUBSCRIPTION_ATTRIBUTES = 0x06;
    public static final int EVENT_NOTIFICATION_ATTRIBUTES = 0x07;
    public static final int RESOURCE_ATTRIBUTES = 0x08;
    public static final int DOCUMENT_ATTRIBUTES = 0x09;
    public static final int SYSTEM_ATTRIBUTES = 0x0A;

    // out-of-band values (no value bytes)
    public static final int UNSUPPORTED = 0x10;
    public static final int UNKNOWN = 0x12;
    public static final int NO_VALUE = 0x13;
    public static final int NOT_SETTABLE = 0x15;
    public static final int DELETE_ATTRIBUTE = 0x16;
    public static final int ADMIN_DEFINE = 0x17;

    // integer syntaxes
    public static final int INTEGER = 0x21;
    public static final int BOOLEAN = 0x22;
    public static final int ENUM = 0x23;

    // octet-string syntaxes
    public static final int OCTET_STRING = 0x30;
    public static final int DATE_TIME = 0x31;
    public static final int RESOLUTION = 0x32;
    public static final int RANGE_OF_INTEGER = 0x33;
    public static final int BEGIN_COLLECTION = 0x34;
    public static final int TEXT_WITH_LANGUAGE = 0x35;
    public static final int NAME_WITH_LANGUAGE = 0x36;
    public static final int END_COLLECTION = 0x37;

    // character-string syntaxes
    public static final int TEXT_WITHOUT_LANGUAGE = 0x41;
    public static final int NAME_WITHOUT_LANGUAGE = 0x42;
    public static final int KEYWORD = 0x44;
    public static final int URI = 0x45;
    public static final int URI_SCHEME = 0x46;
    public static final int CHARSET = 0x47;
    public static final int NATURAL_LANGUAGE = 0x48;
    public static final int MIME_MEDIA_TYPE = 0x49;
    public static final int MEMBER_ATTR_NAME = 0x4A;

    /** A tag followed by a four-byte tag number; none is defined, so readers refuse it. */
    public static final int EXTENSION = 0x7F;

    private IppTags() {
    }

    /** @return whether {@code tag} starts a group (or ends the attributes) rather than a value. */
    public static boolean isDelimiter(int tag) {
        return tag >= 0x00 && tag < 0x10;
    }

    /** @return whether {@code tag} is an out-of-band value (RFC 8010 §3.5.2: 0x10–0x1F). */
    public static boolean isOutOfBand(int tag) {
        return tag >= 0x10 && tag <= 0x1F;
    }

    /** @return whether {@code tag} is one of the character-string syntaxes this package decodes as text. */
    public static boolean isString(int tag) {
        return tag >= TEXT_WITHOUT_LANGUAGE && tag <= MEMBER_ATTR_NAME && tag != 0x43;
    }

    /** @return a readable name for a tag, for error messages and logs. */
    public static String name(int tag) {
        return switch (tag) {
            case OPERATION_ATTRIBUTES -> "operation-attributes-tag";
            case JOB_ATTRIBUTES -> "job-attributes-tag";
            case END_OF_ATTRIBUTES -> "end-of-attributes-tag";
            case PRINTER_ATTRIBUTES -> "printer-attributes-tag";
            case UNSUPPORTED_ATTRIBUTES -> "unsupported-attributes-tag";
            case SUBSCRIPTION_ATTRIBUTES -> "subscription-attributes-tag";
            case EVENT_NOTIFICATION_ATTRIBUTES -> "event-notification-attributes-tag";
            case RESOURCE_ATTRIBUTES -> "resource-attributes-tag";
            case DOCUMENT_ATTRIBUTES -> "document-attributes-tag";
            case SYSTEM_ATTRIBUTES -> "system-attributes-tag";
            case UNSUPPORTED -> "unsupported";
            case UNKNOWN -> "unknown";
            case NO_VALUE -> "no-value";
            case NOT_SETTABLE -> "not-settable";
            case DELETE_ATTRIBUTE -> "delete-attribute";
            case ADMIN_DEFINE -> "admin-define";
            case INTEGER -> "integer";
            case BOOLEAN -> "boolean";
            case ENUM -> "enum";
            case OCTET_STRING -> "octetString";
            case DATE_TIME -> "dateTime";
            case RESOLUTION -> "resolution";
            case RANGE_OF_INTEGER -> "rangeOfInteger";
            case BEGIN_COLLECTION -> "begCollection";
            case TEXT_WITH_LANGUAGE -> "textWithLanguage";
            case NAME_WITH_LANGUAGE -> "nameWithLanguage";
            case END_COLLECTION -> "endCollection";
            case TEXT_WITHOUT_LANGUAGE -> "textWithoutLanguage";
            case NAME_WITHOUT_LANGUAGE -> "nameWithoutLanguage";
            case KEYWORD -> "keyword";
            case URI -> "uri";
            case URI_SCHEME -> "uriScheme";
            case CHARSET -> "charset";
            case NATURAL_LANGUAGE -> "naturalLanguage";
            case MIME_MEDIA_TYPE -> "mimeMediaType";
            case MEMBER_ATTR_NAME -> "memberAttrName";
            case EXTENSION -> "extension";
            default -> String.format("tag-0x%02x", tag);
        };
    }
}
