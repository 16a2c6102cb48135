package org.deskplane.disk.fat.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * FAT date and time fields. FAT stores local wall-clock time with no zone; this reader interprets every time as
 * UTC (the only choice that does not depend on the reading machine). An invalid field reads as "no time".
 */
final class FatTimes {

    private FatTimes() {
    }

    /** Date + time with 2 s precision, plus {@code hundredths} (0–199, creation only) in 10 ms units. */
    static Instant dateTime(int date, int time, int hundredths) {
        if (date == 0 || hundredths > 199) {
            return null;
        }
        try {
            LocalDateTime t = LocalDateTime.of(1980 + (date >> 9), (date >> 5) & 0x0F, date & 0x1F,
                    time >> 11, (time >> 5) & 0x3F, (time & 0x1F) * 2);
            return t.toInstant(ZoneOffset.UTC).plusMillis(hundredths * 10L);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A date alone (the access date), at midnight UTC. */
    static Instant date(int date) {
        return dateTime(date, 0, 0);
    }
}
