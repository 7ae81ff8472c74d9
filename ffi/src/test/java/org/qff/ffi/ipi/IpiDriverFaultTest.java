package org.qff.ffi.ipi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.qff.ffi.ArgonCluster;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.atoms.Units;
import org.qff.qnn.potential.LennardJones;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver against a scripted server: the exact reply bytes of a good step (units, layout,
 * virial), and every fault the issue lists ending in a clear exception, never a hang.
 */
@Timeout(60)
class IpiDriverFaultTest {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Structure CLUSTER = ArgonCluster.structure(5, 11);

    private static String name() {
        return "qfftest" + ProcessHandle.current().pid() + "f" + COUNTER.incrementAndGet();
    }

    private static double[] bohr(Structure s) {
        double[] p = s.positions();
        for (int k = 0; k < p.length; k++) p[k] /= Units.BOHR;
        return p;
    }

    /** Starts the driver on another thread against the fake server (timeout in ms for every wait). */
    private static CompletableFuture<IpiDriver.Result> driver(FakeIpiServer server, Species species, long timeoutMs) {
        return driver(server, LennardJones.argon(), species, timeoutMs);
    }

    private static CompletableFuture<IpiDriver.Result> driver(FakeIpiServer server, org.qff.qnn.potential.Potential p, Species species, long timeoutMs) {
        return CompletableFuture.supplyAsync(() -> {
            try (IpiConnection c = new IpiConnection(server.endpoint.connect(10_000), timeoutMs)) {
                return new IpiDriver(p, species, false, msg -> {}).serve(c);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    private static Throwable failure(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void goodStepRepliesInAtomicUnitsWithVirial() throws Exception {
        try (FakeIpiServer s = new FakeIpiServer(name())) {
            var d = driver(s, Species.parse("Ar"), 10_000);
            s.accept();
            s.header("STATUS");
            assertEquals("READY", s.readHeader());
            s.header("INIT");
            s.ints(0, 1);
            s.write(ByteBuffer.wrap(new byte[] {0}));
            s.posdata(new double[9], bohr(CLUSTER));
            s.header("STATUS");
            assertEquals("HAVEDATA", s.readHeader());
            s.header("GETFORCE");
            assertEquals("FORCEREADY", s.readHeader());
            int n = CLUSTER.size();
            ByteBuffer r = s.read(8 + 4 + 24 * n + 72 + 4);
            double[] f = new double[3 * n];
            double e = LennardJones.argon().compute(CLUSTER, f, null);
            // Positions went Å→Bohr here and back in the driver: agreement to rounding (1e-15 relative).
            assertEquals(e / Units.HARTREE, r.getDouble(), 1e-14 * Math.abs(e / Units.HARTREE));
            assertEquals(n, r.getInt());
            double[] fau = new double[3 * n];
            for (int k = 0; k < 3 * n; k++) {
                fau[k] = r.getDouble();
                assertEquals(f[k] * Units.BOHR / Units.HARTREE, fau[k], 1e-12 * Math.abs(e), "force " + k);
            }
            // Virial Σ r_a F_b in Hartree: for a translation- and rotation-invariant potential the
            // matrix is symmetric; check it against the sum computed here.
            double[] w = new double[9];
            for (int k = 0; k < 9; k++) w[k] = r.getDouble();
            double[] p = CLUSTER.positions();
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    double expect = 0;
                    for (int i = 0; i < n; i++) expect += p[3 * i + a] * f[3 * i + b];
                    assertEquals(expect / Units.HARTREE, w[3 * b + a], 1e-12, "virial " + a + b);
                    assertEquals(w[3 * a + b], w[3 * b + a], 1e-12, "virial symmetry");
                }
            }
            assertEquals(0, r.getInt(), "extra string length");
            s.header("STATUS");
            assertEquals("READY", s.readHeader());
            s.header("EXIT");
            IpiDriver.Result res = d.get(30, TimeUnit.SECONDS);
            assertEquals(IpiDriver.Ending.EXIT_MESSAGE, res.ending());
            assertEquals(1, res.steps());
        }
    }

    @Test
    void unknownHeaderIsNamed() throws Exception {
        try (FakeIpiServer s = new FakeIpiServer(name())) {
            var d = driver(s, Species.parse("Ar"), 10_000);
            s.accept();
            s.header("GARBAGE\u0001");
            Throwable t = failure(d);
            assertTrue(t instanceof IpiProtocolException && t.getMessage().contains("unknown i-PI header \"GARBAGE\\x01"), t.toString());
        }
    }

    @Test
    void truncatedMessageIsReported() throws Exception {
        try (FakeIpiServer s = new FakeIpiServer(name())) {
            var d = driver(s, Species.parse("Ar"), 10_000);
            s.accept();
            s.header("POSDATA");
            s.doubles(1, 2, 3); // 24 of the cell's 72 bytes
            s.hangUp();
            Throwable t = failure(d);
            assertTrue(t.getMessage().contains("in the middle of the POSDATA cell (24 of 72 bytes received)"), t.toString());
        }
    }

    @Test
    void wrongAtomCountIsReported() throws Exception {
        try (FakeIpiServer s = new FakeIpiServer(name())) {
            var d = driver(s, Species.parse("Ar*3"), 10_000);
            s.accept();
            s.posdata(new double[9], bohr(CLUSTER));
            Throwable t = failure(d);
            assertTrue(t.getMessage().contains("the server sent 5 atoms but --species Ar*3 gives 3"), t.toString());
        }
    }

    @Test
    void impossibleAtomCountIsReported() throws Exception {
        try (FakeIpiServer s = new FakeIpiServer(name())) {
            var d = driver(s, Species.parse("Ar"), 10_000);
            s.accept();
            s.header("POSDATA");
            s.doubles(new double[18]);
            s.ints(-5);
            Throwable t = failure(d);
            assertTrue(t.getMessage().contains("POSDATA atom count -5 is impossible"), t.toString());
        }
    }

    @Test
    void serverClosingMidStepIsAnError() throws Exception {
        try (FakeIpiServer s = new FakeIpiServer(name())) {
            var d = driver(s, Species.parse("Ar"), 10_000);
            s.accept();
            s.posdata(new double[9], bohr(CLUSTER));
            s.hangUp();
            Throwable t = failure(d);
            assertTrue(t.getMessage().contains("mid-step (after POSDATA, before GETFORCE)"), t.toString());
        }
    }

    @Test
    void getforceBeforePosdataIsAnError() throws Exception {
        try (FakeIpiServer s = new FakeIpiServer(name())) {
            var d = driver(s, Species.parse("Ar"), 10_000);
            s.accept();
            s.header("GETFORCE");
            assertTrue(failure(d).getMessage().contains("GETFORCE before any POSDATA"));
        }
    }

    @Test
    void silentServerTimesOutInsteadOfHanging() throws Exception {
        try (FakeIpiServer s = new FakeIpiServer(name())) {
            var d = driver(s, Species.parse("Ar"), 300);
            s.accept();
            s.header("POSDATA"); // then nothing
            long t0 = System.nanoTime();
            Throwable t = failure(d);
            assertTrue(t.getMessage().contains("timed out after 0.3 s waiting for the POSDATA cell"), t.toString());
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
        }
    }

    @Test
    void noServerTimesOut() {
        IpiProtocolException e = assertThrows(IpiProtocolException.class, () -> IpiEndpoint.unix(name()).connect(300));
        assertTrue(e.getMessage().contains("no i-PI server at unix:/tmp/ipi_qfftest"), e.getMessage());
    }

    @Test
    void periodicCellRejectedByClusterPotentialWithHint() throws Exception {
        try (FakeIpiServer s = new FakeIpiServer(name())) {
            var d = driver(s, Species.parse("Ar"), 10_000);
            s.accept();
            s.posdata(new double[] {40, 0, 0, 0, 40, 0, 0, 0, 40}, bohr(CLUSTER));
            Throwable t = failure(d);
            assertTrue(t instanceof IllegalArgumentException && t.getMessage().contains("pass --ignore-cell"), t.toString());
        }
    }

    @Test
    void speciesOptionsParseAndReject() throws Exception {
        assertEquals(6, Species.parse("C*2,H*6,O").forAtoms(9)[0]);
        assertEquals(8, Species.parse("C*2,H*6,O").forAtoms(9)[8]);
        assertEquals(21, Species.parse("Ar").forAtoms(21).length);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Species.parse("C*2,Xx")).getMessage().contains("unknown element \"Xx\""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Species.parse("C*0")).getMessage().contains("count must be positive"));
        java.nio.file.Path xyz = ArgonCluster.writeXyz(CLUSTER, java.nio.file.Files.createTempFile("qff", ".xyz"));
        try {
            assertEquals(5, Species.fromXyz(xyz).forAtoms(5).length);
        } finally {
            java.nio.file.Files.delete(xyz);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Species.fromXyz(java.nio.file.Path.of("/nonexistent.xyz")))
                .getMessage().contains("does not exist"));
    }

    @Test
    void uncoveredSpeciesIsNamed() throws Exception {
        org.qff.qnn.potential.Potential carbonOnly = new org.qff.qnn.potential.Potential() {
            @Override
            public double compute(Structure st, double[] f, double[] ae) { return LennardJones.argon().compute(st, f, ae); }

            @Override
            public boolean covers(int z) { return z == 6; }

            @Override
            public String name() { return "carbon-only"; }
        };
        try (FakeIpiServer s = new FakeIpiServer(name())) {
            var d = driver(s, carbonOnly, Species.parse("C*4,O"), 10_000);
            s.accept();
            s.posdata(new double[9], bohr(CLUSTER));
            Throwable t = failure(d);
            assertTrue(t instanceof IllegalArgumentException && t.getMessage().contains("does not cover atom 4 (atomic number 8)"), t.toString());
        }
    }
}
