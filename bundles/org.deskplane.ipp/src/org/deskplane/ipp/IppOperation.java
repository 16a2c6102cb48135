package org.deskplane.ipp;

/** IPP operation ids (RFC 8011, PWG 5100.x) and the CUPS operations Deskplane uses. */
public final class IppOperation {

    public static final int PRINT_JOB = 0x0002;
    public static final int VALIDATE_JOB = 0x0004;
    public static final int CREATE_JOB = 0x0005;
    public static final int SEND_DOCUMENT = 0x0006;
    public static final int CANCEL_JOB = 0x0008;
    public static final int GET_JOB_ATTRIBUTES = 0x0009;
    public static final int GET_JOBS = 0x000A;
    public static final int GET_PRINTER_ATTRIBUTES = 0x000B;
    public static final int HOLD_JOB = 0x000C;
    public static final int RELEASE_JOB = 0x000D;
    public static final int CLOSE_JOB = 0x003B;
    public static final int IDENTIFY_PRINTER = 0x003C;
    public static final int CUPS_GET_DEFAULT = 0x4001;
    public static final int CUPS_GET_PRINTERS = 0x4002;

    private IppOperation() {
    }

    public static String name(int operation) {
        return switch (operation) {
            case PRINT_JOB -> "Print-Job";
            case VALIDATE_JOB -> "Validate-Job";
            case CREATE_JOB -> "Create-Job";
            case SEND_DOCUMENT -> "Send-Document";
            case CANCEL_JOB -> "Cancel-Job";
            case GET_JOB_ATTRIBUTES -> "Get-Job-Attributes";
            case GET_JOBS -> "Get-Jobs";
            case GET_PRINTER_ATTRIBUTES -> "Get-Printer-Attributes";
            case HOLD_JOB -> "Hold-Job";
            case RELEASE_JOB -> "Release-Job";
            case CLOSE_JOB -> "Close-Job";
            case IDENTIFY_PRINTER -> "Identify-Printer";
            case CUPS_GET_DEFAULT -> "CUPS-Get-Default";
            case CUPS_GET_PRINTERS -> "CUPS-Get-Printers";
            default -> String.format("operation-0x%04x", operation);
        };
    }
}
