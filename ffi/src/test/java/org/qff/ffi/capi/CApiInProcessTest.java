package org.qff.ffi.capi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.qff.ffi.ArgonCluster;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.LennardJones;
import org.qff.qnn.potential.Potential;
import org.qff.qnn.potential.Potentials;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * libqff loaded into this JVM (through FFM, as a JVM-hosted C library would be): it must join the
 * running JVM rather than try to start a second, see potentials registered here, and report
 * species the model does not cover.
 */
@Timeout(60)
class CApiInProcessTest {
    /** Lennard-Jones that claims to cover carbon only: a model with an uncovered species. */
    static final Potential CARBON_ONLY = new Potential() {
        final LennardJones lj = LennardJones.argon();

        @Override
        public double compute(Structure s, double[] forces, double[] atomEnergies) {
            checkCovers(s);
            return lj.compute(s, forces, atomEnergies);
        }

        @Override
        public boolean covers(int z) { return z == 6; }

        @Override
        public String name() { return "test-carbon-only"; }
    };

    @Test
    void joinsRunningJvmAndMatchesDirectCall() {
        LibQffClient qff = new LibQffClient(LibQff.library());
        Structure s = ArgonCluster.structure();
        MemorySegment model = qff.open("lj-argon");
        assertTrue(model.address() != 0, qff.lastError());
        try (Arena a = Arena.ofConfined()) {
            MemorySegment z = a.allocateFrom(ValueLayout.JAVA_INT, s.atomicNumbers());
            MemorySegment pos = a.allocateFrom(ValueLayout.JAVA_DOUBLE, s.positions());
            MemorySegment e = a.allocate(ValueLayout.JAVA_DOUBLE);
            MemorySegment f = a.allocate(ValueLayout.JAVA_DOUBLE, 3L * s.size());
            assertEquals(QffStatus.OK, qff.compute(model, s.size(), z, pos, e, f), qff.lastError());
            double[] fJava = new double[3 * s.size()];
            assertEquals(LennardJones.argon().compute(s, fJava, null), e.get(ValueLayout.JAVA_DOUBLE, 0), 0.0);
            double[] fC = f.toArray(ValueLayout.JAVA_DOUBLE);
            for (int k = 0; k < fJava.length; k++) assertEquals(fJava[k], fC[k], 0.0, "force " + k);
        } finally {
            qff.close(model);
        }
    }

    @Test
    void uncoveredSpeciesIsAComputeErrorNamingTheAtom() {
        Potentials.registerBuiltin("test-carbon-only", () -> CARBON_ONLY);
        LibQffClient qff = new LibQffClient(LibQff.library());
        MemorySegment model = qff.open("test-carbon-only");
        assertTrue(model.address() != 0, qff.lastError());
        try (Arena a = Arena.ofConfined()) {
            MemorySegment z = a.allocateFrom(ValueLayout.JAVA_INT, 6, 6, 8);
            MemorySegment pos = a.allocateFrom(ValueLayout.JAVA_DOUBLE, 0, 0, 0, 3.5, 0, 0, 0, 3.5, 0);
            MemorySegment e = a.allocate(ValueLayout.JAVA_DOUBLE);
            assertEquals(QffStatus.ERR_COMPUTE, qff.compute(model, 3, z, pos, e, MemorySegment.NULL));
            assertTrue(qff.lastError().contains("does not cover atom 2 (atomic number 8)"), qff.lastError());
            // The same handle still works for covered species.
            MemorySegment zc = a.allocateFrom(ValueLayout.JAVA_INT, 6, 6, 6);
            assertEquals(QffStatus.OK, qff.compute(model, 3, zc, pos, e, MemorySegment.NULL), qff.lastError());
            assertEquals("", qff.lastError());
        } finally {
            qff.close(model);
        }
    }

    @Test
    void closedHandleAndNullModelAreArgumentErrors() {
        LibQffClient qff = new LibQffClient(LibQff.library());
        assertEquals(0, qff.open(null).address());
        assertTrue(qff.lastError().contains("model_path is NULL"));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment e = a.allocate(ValueLayout.JAVA_DOUBLE);
            MemorySegment z = a.allocateFrom(ValueLayout.JAVA_INT, 18);
            MemorySegment pos = a.allocateFrom(ValueLayout.JAVA_DOUBLE, 0, 0, 0);
            assertEquals(QffStatus.ERR_ARGUMENT, qff.compute(MemorySegment.NULL, 1, z, pos, e, MemorySegment.NULL));
            assertTrue(qff.lastError().contains("model is NULL"));
        }
    }
}
