package org.qff.ffi.ipi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.qff.ffi.ArgonCluster;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.atoms.Units;
import org.qff.qnn.potential.LennardJones;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** qff's own i-PI server against qff's driver over TCP: what the benchmark times. */
@Timeout(60)
class IpiServerRoundTripTest {
    @Test
    void serverAndDriverAgreeWithDirectCall() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        IpiEndpoint ep = IpiEndpoint.tcp("localhost", port);
        Structure c = ArgonCluster.structure();
        IpiServer server = new IpiServer(ep, 10_000);
        try {
            CompletableFuture<IpiDriver.Result> d = CompletableFuture.supplyAsync(() -> {
                try (IpiConnection conn = new IpiConnection(ep.connect(10_000), 10_000)) {
                    return new IpiDriver(LennardJones.argon(), Species.parse("Ar"), false, m -> {}).serve(conn);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            server.accept();
            double[] pos = c.positions();
            for (int k = 0; k < pos.length; k++) pos[k] /= Units.BOHR;
            double[] f = new double[pos.length];
            double e = LennardJones.argon().compute(c, f, null);
            for (int step = 0; step < 3; step++) {
                IpiServer.Forces r = server.compute(new double[9], pos);
                assertEquals(e, r.energy() * Units.HARTREE, 1e-14 * Math.abs(e));
                for (int k = 0; k < f.length; k++) assertEquals(f[k], r.forces()[k] * Units.HARTREE / Units.BOHR, 1e-13, "force " + k);
            }
            server.close(); // sends EXIT: the driver ends after 3 steps
            assertEquals(3, d.get(10, TimeUnit.SECONDS).steps());
        } finally {
            server.close();
        }
        assertArrayEquals(new double[] {0.5, 0, 0, 0, 0.25, 0, 0, 0, 0.125}, IpiServer.inverse(new double[] {2, 0, 0, 0, 4, 0, 0, 0, 8}), 0);
    }
}
