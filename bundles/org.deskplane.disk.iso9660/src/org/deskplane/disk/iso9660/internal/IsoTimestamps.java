package org.deskplane.disk.iso9660.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The two ISO 9660 time formats: the 7-byte binary "recording date and time" of directory records (and of
 * Rock Ridge TF in short form) and the 17-byte decimal-digit form (descriptors, TF long form). Both end in an
 * offset from GMT in 15-minute steps. An all-zero or impossible date is "no time" (null), not an error.
 */
final class IsoTimestamps {

    static final int SHORT_FORM = 7;
    static final int LONG_FORM = 17;

    private IsoTimestamps() {
    }

    static Instant shortForm(byte[] b, int at) {
        int year = 1900 + Bytes.u8(b, at);
        int month = Bytes.u8(b, at + 1);
        if (month == 0) {
            return null;
        }
        return instant(year, month, Bytes.u8(b, at + 2), Bytes.u8(b, at + 3), Bytes.u8(b, at + 4),
                Bytes.u8(b, at + 5), 0, b[at + 6]);
    }

    static Instant longForm(byte[] b, int at) {
        int year = digits(b, at, 4);
        int month = digits(b, at + 4, 2);
        if (year <= 0 || month <= 0) {
            return null;
        }
        return instant(year, month, digits(b, at + 6, 2), digits(b, at + 8, 2), digits(b, at + 10, 2),
                digits(b, at + 12, 2), digits(b, at + 14, 2) * 10_000_000, b[at + 16]);
    }

    private static Instant instant(int year, int month, int day, int hour, int minute, int second, int nanos,
            int quarterHours) {
        if (quarterHours < -48 || quarterHours > 52) {
            quarterHours = 0; // outside the standard's range: read the time as GMT rather than drop it
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, Math.max(0, nanos))
                    .toInstant(ZoneOffset.ofTotalSeconds(quarterHours * 15 * 60));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(byte[] b, int at, int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            int c = b[at + i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
