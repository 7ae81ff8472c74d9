package org.qff.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.io.ExtXyz;
import org.qff.qnn.potential.LennardJones;

class StabilityMonitorTest {

    @Test
    void hugeTimeStepIsStoppedAndTheLastGoodFrameWritten(@TempDir Path dir) throws Exception {
        Structure water = TestSystems.water();
        var bonds = TestSystems.HarmonicBonds.allPairsOf(water, 40);
        // O–H vibration period ≈ 9 fs at k = 40 eV/Å²: a 10 fs step is far beyond Verlet's stability limit 2/ω
        MdSimulation sim = MdSimulation.start(water, bonds, MdSettings.of(Ensemble.NVE, 10.0, 300, 1).withOutput(1, 1000));
        RunDirectory out = RunDirectory.create(dir);
        Instability bad = sim.run(1000, out, null);
        out.close();
        assertNotNull(bad, "a run with a 10 fs step on a stiff bond must be stopped");
        assertTrue(bad.step() < 1000);
        assertTrue(bad.message().contains("step " + bad.step()), bad.message());
        ExtXyz.Frame last = ExtXyz.readFirst(dir.resolve(RunDirectory.LAST_GOOD));
        assertEquals(Long.toString(bad.step() - 1), last.info().get("step"));
        assertTrue(last.info().get("stopped_by").contains(bad.kind()));
        for (double x : last.structure().positions()) assertTrue(Double.isFinite(x));
    }

    @Test
    void healthyRunIsNotStopped() throws Exception {
        Structure water = TestSystems.water();
        var bonds = TestSystems.HarmonicBonds.allPairsOf(water, 40);
        MdSimulation sim = MdSimulation.start(water, bonds, MdSettings.of(Ensemble.NVT, 0.25, 300, 1));
        // two O–H bonds; H···H (1.51 Å) is beyond 1.25 × (0.31 + 0.31) Å
        assertEquals(2, sim.monitor().bondCount());
        assertNull(sim.run(4000, null, null));
    }

    @Test
    void eachCheckNamesItsAtomsAndValues() {
        Structure dimer = new Structure(new int[] {8, 1}, new double[] {0, 0, 0, 0.97, 0, 0});
        var bond = TestSystems.HarmonicBonds.allPairsOf(dimer, 40);
        MdSystem s = new MdSystem(dimer, bond, MomentumConstraints.TRANSLATION_AND_ROTATION);
        var monitor = new StabilityMonitor(StabilityMonitor.Limits.defaults(), s, s.positions.clone(), 0.0, Ensemble.NVE);
        assertNull(monitor.check(s, 0.0, 0));
        s.positions[3] = 2.5; // stretched to 2.58 × 0.97 Å
        Instability stretched = monitor.check(s, 0.0, 1);
        assertEquals("bond stretched", stretched.kind());
        assertEquals(0, stretched.atoms()[0]);
        assertEquals(1, stretched.atoms()[1]);
        s.positions[3] = 0.3;
        assertEquals("atoms too close", monitor.check(s, 0.0, 1).kind());
        s.positions[3] = 0.97;
        assertEquals("energy drift", monitor.check(s, 1.0, 1).kind()); // 1 eV > 0.05 eV/atom × 2
        s.velocities[4] = Double.NaN;
        Instability nan = monitor.check(s, 0.0, 1);
        assertEquals("non-finite number", nan.kind());
        assertEquals(1, nan.atoms()[0]);
    }

    @Test
    void ljClusterHasNoCovalentBondsToWatch() {
        MdSimulation sim = MdSimulation.start(TestSystems.argon13(), LennardJones.argon(), MdSettings.of(Ensemble.NVE, 5, 20, 1));
        assertEquals(0, sim.monitor().bondCount());
    }

    @Test
    void closeContactsAcrossAPeriodicBoundaryAreSeen() {
        var cell = org.qff.qnn.atoms.Cell.orthorhombic(10, 10, 10);
        Structure s = new Structure(new int[] {18, 18, 18}, new double[] {0.1, 5, 5, 5, 5, 5, 9.0, 5, 5}, cell);
        MdSystem sys = new MdSystem(s, TestSystems.ZERO, MomentumConstraints.TRANSLATION);
        var monitor = new StabilityMonitor(StabilityMonitor.Limits.defaults(), sys, sys.positions.clone(), 0.0, Ensemble.NVT);
        assertNull(monitor.check(sys, 0.0, 0)); // 0.1 and 9.0 are 1.1 Å apart through the face
        sys.positions[6] = 9.8; // now 0.3 Å through the boundary, 9.7 Å directly
        Instability close = monitor.check(sys, 0.0, 0);
        assertNotNull(close);
        assertEquals("atoms too close", close.kind());
        assertTrue(close.detail().contains("0.3000"), close.detail());
    }
}
