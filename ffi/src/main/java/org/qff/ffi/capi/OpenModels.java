package org.qff.ffi.capi;

import org.qff.qnn.potential.Potential;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The potentials C hosts have opened, by the id their {@code qff_model} handle carries. Ids are
 * never reused, so a stale id finds nothing rather than another model.
 */
final class OpenModels {
    private final ConcurrentHashMap<Long, Potential> byId = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    long add(Potential p) {
        long id = nextId.getAndIncrement();
        byId.put(id, p);
        return id;
    }

    Potential get(long id) {
        return byId.get(id);
    }

    void remove(long id) {
        byId.remove(id);
    }
}
