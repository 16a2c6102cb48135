package org.deskplane.content.guestfs.internal;

import java.lang.reflect.Proxy;

/** A {@link GuestfsConfiguration} with its defaults and another guestfish program. */
final class Configurations {

    private Configurations() {
    }

    static GuestfsConfiguration with(String guestfish) {
        return (GuestfsConfiguration) Proxy.newProxyInstance(GuestfsConfiguration.class.getClassLoader(),
                new Class<?>[] { GuestfsConfiguration.class }, (proxy, method, args) -> method.getName().equals("guestfish")
                        ? guestfish : method.getDefaultValue());
    }
}
