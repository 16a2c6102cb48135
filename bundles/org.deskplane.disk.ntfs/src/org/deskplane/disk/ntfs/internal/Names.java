package org.deskplane.disk.ntfs.internal;

/** NTFS compares names case-insensitively by upper-casing each UTF-16 unit (simple mapping, like $UpCase). */
final class Names {

    private Names() {
    }

    static String fold(String name) {
        char[] c = name.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = Character.toUpperCase(c[i]);
        }
        return new String(c);
    }
}
