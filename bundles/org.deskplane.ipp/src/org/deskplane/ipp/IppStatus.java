package org.deskplane.ipp;

/** IPP status codes (RFC 8011 §B, and the ones CUPS and PWG added) that Deskplane uses. */
public final class IppStatus {

    public static final int SUCCESSFUL_OK = 0x0000;
    public static final int SUCCESSFUL_OK_IGNORED_OR_SUBSTITUTED = 0x0001;
    public static final int SUCCESSFUL_OK_CONFLICTING = 0x0002;
    public static final int CLIENT_ERROR_BAD_REQUEST = 0x0400;
    public static final int CLIENT_ERROR_FORBIDDEN = 0x0401;
    public static final int CLIENT_ERROR_NOT_AUTHENTICATED = 0x0402;
    public static final int CLIENT_ERROR_NOT_AUTHORIZED = 0x0403;
    public static final int CLIENT_ERROR_NOT_POSSIBLE = 0x0404;
    public static final int CLIENT_ERROR_TIMEOUT = 0x0405;
    public static final int CLIENT_ERROR_NOT_FOUND = 0x0406;
    public static final int CLIENT_ERROR_GONE = 0x0407;
    public static final int CLIENT_ERROR_REQUEST_ENTITY_TOO_LARGE = 0x0408;
    public static final int CLIENT_ERROR_REQUEST_VALUE_TOO_LONG = 0x0409;
    public static final int CLIENT_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED = 0x040A;
    public static final int CLIENT_ERROR_ATTRIBUTES_OR_VALUES_NOT_SUPPORTED = 0x040B;
    public static final int CLIENT_ERROR_URI_SCHEME_NOT_SUPPORTED = 0x040C;
    public static final int CLIENT_ERROR_CHARSET_NOT_SUPPORTED = 0x040D;
    public static final int CLIENT_ERROR_CONFLICTING_ATTRIBUTES = 0x040E;
    public static final int CLIENT_ERROR_DOCUMENT_FORMAT_ERROR = 0x0411;
    public static final int SERVER_ERROR_INTERNAL_ERROR = 0x0500;
    public static final int SERVER_ERROR_OPERATION_NOT_SUPPORTED = 0x0501;
    public static final int SERVER_ERROR_SERVICE_UNAVAILABLE = 0x0502;
    public static final int SERVER_ERROR_VERSION_NOT_SUPPORTED = 0x0503;
    public static final int SERVER_ERROR_DEVICE_ERROR = 0x0504;
    public static final int SERVER_ERROR_NOT_ACCEPTING_JOBS = 0x0506;
    public static final int SERVER_ERROR_BUSY = 0x0507;
    public static final int SERVER_ERROR_JOB_CANCELED = 0x0508;

    private IppStatus() {
    }

    /** @return whether {@code status} is one of the successful-ok codes (0x0000–0x00FF). */
    public static boolean isSuccess(int status) {
        return status >= 0 && status <= 0xFF;
    }

    public static String name(int status) {
        return switch (status) {
            case SUCCESSFUL_OK -> "successful-ok";
            case SUCCESSFUL_OK_IGNORED_OR_SUBSTITUTED -> "successful-ok-ignored-or-substituted-attributes";
            case SUCCESSFUL_OK_CONFLICTING -> "successful-ok-conflicting-attributes";
            case CLIENT_ERROR_BAD_REQUEST -> "client-error-bad-request";
            case CLIENT_ERROR_FORBIDDEN -> "client-error-forbidden";
            case CLIENT_ERROR_NOT_AUTHENTICATED -> "client-error-not-authenticated";
            case CLIENT_ERROR_NOT_AUTHORIZED -> "client-error-not-authorized";
            case CLIENT_ERROR_NOT_POSSIBLE -> "client-error-not-possible";
            case CLIENT_ERROR_TIMEOUT -> "client-error-timeout";
            case CLIENT_ERROR_NOT_FOUND -> "client-error-not-found";
            case CLIENT_ERROR_GONE -> "client-error-gone";
            case CLIENT_ERROR_REQUEST_ENTITY_TOO_LARGE -> "client-error-request-entity-too-large";
            case CLIENT_ERROR_REQUEST_VALUE_TOO_LONG -> "client-error-request-value-too-long";
            case CLIENT_ERROR_DOCUMENT_FORMAT_NOT_SUPPORTED -> "client-error-document-format-not-supported";
            case CLIENT_ERROR_ATTRIBUTES_OR_VALUES_NOT_SUPPORTED -> "client-error-attributes-or-values-not-supported";
            case CLIENT_ERROR_URI_SCHEME_NOT_SUPPORTED -> "client-error-uri-scheme-not-supported";
            case CLIENT_ERROR_CHARSET_NOT_SUPPORTED -> "client-error-charset-not-supported";
            case CLIENT_ERROR_CONFLICTING_ATTRIBUTES -> "client-error-conflicting-attributes";
            case CLIENT_ERROR_DOCUMENT_FORMAT_ERROR -> "client-error-document-format-error";
            case SERVER_ERROR_INTERNAL_ERROR -> "server-error-internal-error";
            case SERVER_ERROR_OPERATION_NOT_SUPPORTED -> "server-error-operation-not-supported";
            case SERVER_ERROR_SERVICE_UNAVAILABLE -> "server-error-service-unavailable";
            case SERVER_ERROR_VERSION_NOT_SUPPORTED -> "server-error-version-not-supported";
            case SERVER_ERROR_DEVICE_ERROR -> "server-error-device-error";
            case SERVER_ERROR_NOT_ACCEPTING_JOBS -> "server-error-not-accepting-jobs";
            case SERVER_ERROR_BUSY -> "server-error-busy";
            case SERVER_ERROR_JOB_CANCELED -> "server-error-job-canceled";
            default -> String.format("status-0x%04x", status);
        };
    }
}
