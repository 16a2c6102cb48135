package org.deskplane.workbench.platform.ui.support;

import java.util.function.Function;

/**
 * A client made from the best-ranked service of one type (e.g. a REST client of the server connection registered at
 * login): the same client while that service stays, a new one when it changes, none while there is no service.
 * Parts keep one of these instead of remaking their client on every refresh.
 *
 * @param <S> the service type
 * @param <C> the client made from it
 * @since 1.1
 */
public final class ServiceClient<S, C> implements AutoCloseable {

    private final ServiceWatch<S> watch;
    private final Function<S, C> make;
    private S madeFrom;
    private C client;

    /**
     * Starts watching.
     *
     * @param owner    a class of the bundle that uses the service (its bundle context tracks it)
     * @param type     the service type
     * @param make     makes the client of a service (cheap: it is called once per service)
     * @param onChange called whenever a service of the type comes or goes
     */
    public ServiceClient(Class<?> owner, Class<S> type, Function<S, C> make, Runnable onChange) {
        this.make = make;
        this.watch = new ServiceWatch<>(owner, type, onChange);
    }

    /** The client of the current service, or null when there is none. */
    public synchronized C current() {
        S service = watch.current();
        if (service != madeFrom) {
            madeFrom = service;
            client = service == null ? null : make.apply(service);
        }
        return client;
    }

    @Override
    public synchronized void close() {
        watch.close();
        madeFrom = null;
        client = null;
    }
}
