package org.deskplane.disk.fat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** FAT date/time fields decode as UTC: 2 s for modification, 10 ms extra for creation, a date for access. */
class FatTimesTest {

    private static int date(int year, int month, int day) {
        return (year - 1980) << 9 | month << 5 | day;
    }

    private static int time(int hour, int minute, int second) {
        return hour << 11 | minute << 5 | second / 2;
    }

    @Test
    void modificationTimeHasTwoSecondPrecisionInUtc() {
        assertEquals(Instant.parse("2024-02-29T23:59:58Z"),
                FatTimes.dateTime(date(2024, 2, 29), time(23, 59, 59), 0));
    }

    @Test
    void creationTimeAddsHundredths() {
        assertEquals(Instant.parse("2001-09-09T01:46:41.990Z"),
                FatTimes.dateTime(date(2001, 9, 9), time(1, 46, 40), 199));
    }

    @Test
    void accessDateIsMidnightUtc() {
        assertEquals(Instant.parse("2107-12-31T00:00:00Z"), FatTimes.date(date(2107, 12, 31)));
    }

    @Test
    void invalidFieldsMeanNoTime() {
        assertNull(FatTimes.date(0));
        assertNull(FatTimes.dateTime(date(2020, 13, 1), 0, 0));
        assertNull(FatTimes.dateTime(date(2021, 2, 29), 0, 0));
        assertNull(FatTimes.dateTime(date(2020, 1, 1), time(24, 0, 0), 0));
        assertNull(FatTimes.dateTime(date(2020, 1, 1), 0, 200));
    }
}
