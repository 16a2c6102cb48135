package org.deskplane.print.agent.internal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.deskplane.ipp.IppAttribute;
import org.deskplane.ipp.IppValue;

/**
 * Media sizes from PWG 5101.1 self-describing media names ({@code iso_a4_210x297mm}, {@code na_letter_8.5x11in}):
 * the name carries the size, so no table is needed, and a {@code media-col} a client sends maps back to a name.
 */
final class MediaSizes {
    private static final Pattern SIZE = Pattern.compile("_(\\d{1,5}(?:\\.\\d{1,4})?)x(\\d{1,5}(?:\\.\\d{1,4})?)(mm|in)$");
    /** Hundredths of a millimetre that two sizes may differ by and still be the same paper (rounded inch sizes). */
    private static final int TOLERANCE = 100;

    private MediaSizes() {
    }

    /** @return {x, y} in hundredths of a millimetre, or empty for a name without a size (e.g. {@code custom_max}) */
    static Optional<int[]> size(String media) {
        Matcher m = SIZE.matcher(media);
        if (!m.find()) {
            return Optional.empty();
        }
        double unit = m.group(3).equals("mm") ? 100 : 2540;
        int x = (int) Math.round(Double.parseDouble(m.group(1)) * unit);
        int y = (int) Math.round(Double.parseDouble(m.group(2)) * unit);
        return x > 0 && y > 0 ? Optional.of(new int[] {x, y}) : Optional.empty();
    }

    /** The {@code media-size} collection of a sized media name. */
    static Optional<IppAttribute> mediaSize(String media) {
        return size(media).map(s -> IppAttribute.collection("media-size", IppAttribute.integer("x-dimension", s[0]),
                IppAttribute.integer("y-dimension", s[1])));
    }

    /**
     * The media name a {@code media-col} job attribute asks for: its {@code media-size-name}, or the supported media
     * whose size matches its {@code media-size}.
     */
    static Optional<String> fromMediaCol(IppAttribute mediaCol, List<String> supported) {
        if (!(mediaCol.value() instanceof IppValue.CollectionValue col)) {
            return Optional.empty();
        }
        IppAttribute name = col.member("media-size-name");
        if (name != null && name.stringValue() != null) {
            return Optional.of(name.stringValue());
        }
        IppAttribute size = col.member("media-size");
        if (size == null || !(size.value() instanceof IppValue.CollectionValue dims)) {
            return Optional.empty();
        }
        IppAttribute x = dims.member("x-dimension");
        IppAttribute y = dims.member("y-dimension");
        if (x == null || y == null) {
            return Optional.empty();
        }
        int wantX = x.intValue(-1);
        int wantY = y.intValue(-1);
        return supported.stream().filter(m -> size(m).map(s -> Math.abs(s[0] - wantX) <= TOLERANCE
                && Math.abs(s[1] - wantY) <= TOLERANCE).orElse(false)).findFirst();
    }
}
