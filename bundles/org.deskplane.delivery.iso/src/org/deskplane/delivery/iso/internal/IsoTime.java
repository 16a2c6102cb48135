package org.deskplane.delivery.iso.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The two ECMA-119 date forms, always in UTC (offset 0) so that images do not depend on the host's zone. */
final class IsoTime {

    private final ZonedDateTime time;

    IsoTime(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        // directory records keep the year as one byte counted from 1900
        if (utc.getYear() < 1900 || utc.getYear() > 2155) {
            throw new IllegalArgumentException("ISO 9660 times are between 1900 and 2155, got " + instant);
        }
        this.time = utc.withNano(0);
    }

    Instant instant() {
        return time.toInstant();
    }

    /** ECMA-119 9.1.5: seven bytes in directory records (and Rock Ridge TF short form). */
    void recordDate(ByteSink out) {
        out.u8(time.getYear() - 1900).u8(time.getMonthValue()).u8(time.getDayOfMonth()).u8(time.getHour())
                .u8(time.getMinute()).u8(time.getSecond()).u8(0);
    }

    /** ECMA-119 8.4.26.1: "YYYYMMDDHHMMSScc" digits plus an offset byte, in volume descriptors. */
    void volumeDate(ByteSink out) {
        String digits = String.format("%04d%02d%02d%02d%02d%02d00", time.getYear(), time.getMonthValue(),
                time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond());
        out.bytes(digits.getBytes(StandardCharsets.US_ASCII)).u8(0);
    }

    /** "Not specified": sixteen '0' digits and offset 0. */
    static void unspecifiedVolumeDate(ByteSink out) {
        out.bytes("0000000000000000".getBytes(StandardCharsets.US_ASCII)).u8(0);
    }
}
