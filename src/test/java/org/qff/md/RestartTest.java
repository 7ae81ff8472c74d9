package org.qff.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.qff.qnn.potential.LennardJones;

class RestartTest {

    private static MdSettings settings(Ensemble e) {
        return MdSettings.of(e, 5.0, 40, 99).withOutput(10, 50).withThermostat(100, 3);
    }

    /**
     * Uninterrupted 200 steps versus: 130 steps (restart written at 100, frames up to 130), a
     * "crash", then resuming from the step-100 restart file in the same directory to 200. The
     * trajectory, thermo log and final restart file must be byte-identical.
     */
    @ParameterizedTest
    @EnumSource(Ensemble.class)
    void resumedRunIsBitIdenticalToUninterrupted(Ensemble ensemble, @TempDir Path tmp) throws Exception {
        var lj = LennardJones.argon();
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        RunDirectory outA = RunDirectory.create(a);
        assertNull(MdSimulation.start(TestSystems.argon13(), lj, settings(ensemble)).run(200, outA, null));
        outA.close();

        RunDirectory outB = RunDirectory.create(b);
        MdSimulation first = MdSimulation.start(TestSystems.argon13(), lj, settings(ensemble));
        assertNull(first.run(100, outB, null));
        Path saved = tmp.resolve("restart-100.bin");
        Files.copy(b.resolve(RunDirectory.RESTART), saved);
        assertNull(first.run(130, outB, null)); // frames 110..130 written after the saved restart
        outB.close();
        Files.copy(saved, b.resolve(RunDirectory.RESTART), StandardCopyOption.REPLACE_EXISTING);

        MdSimulation resumed = MdSimulation.resume(b.resolve(RunDirectory.RESTART), lj);
        assertEquals(100, resumed.system().step);
        RunDirectory outB2 = RunDirectory.resume(b, resumed.system().step, resumed.settings().timestepFs());
        assertNull(resumed.run(200, outB2, null));
        outB2.close();

        for (String f : new String[] {RunDirectory.TRAJECTORY, RunDirectory.THERMO, RunDirectory.RESTART}) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f + " differs for " + ensemble);
        }
        assertEquals(21, Files.readAllLines(a.resolve(RunDirectory.THERMO)).size() - 1, "rows at steps 0, 10, ..., 200");
    }

    @Test
    void damagedOrForeignRestartFilesAreRefused(@TempDir Path tmp) throws Exception {
        var lj = LennardJones.argon();
        RunDirectory out = RunDirectory.create(tmp);
        MdSimulation.start(TestSystems.argon13(), lj, settings(Ensemble.NVT)).run(10, out, null);
        out.close();
        Path r = tmp.resolve(RunDirectory.RESTART);
        var other = new org.qff.qnn.potential.Potential() {
            @Override
            public double compute(org.qff.qnn.atoms.Structure st, double[] f, double[] ae) { return lj.compute(st, f, ae); }

            @Override
            public boolean covers(int z) { return true; }

            @Override
            public String name() { return "other"; }
        };
        var e1 = assertThrows(IllegalArgumentException.class, () -> MdSimulation.resume(r, other));
        assertTrue(e1.getMessage().contains("\"lennard-jones\"") && e1.getMessage().contains("\"other\""), e1.getMessage());
        byte[] bytes = Files.readAllBytes(r);
        bytes[bytes.length / 2] ^= 1;
        Files.write(r, bytes);
        var e2 = assertThrows(IllegalArgumentException.class, () -> MdSimulation.resume(r, lj));
        assertTrue(e2.getMessage().contains("damaged"), e2.getMessage());
        Files.write(r, java.util.Arrays.copyOf(bytes, 40));
        assertThrows(IllegalArgumentException.class, () -> MdSimulation.resume(r, lj));
        var e3 = assertThrows(IllegalArgumentException.class, () -> MdSimulation.resume(tmp.resolve("none.bin"), lj));
        assertTrue(e3.getMessage().contains("does not exist"), e3.getMessage());
    }

    /** A run killed mid-write leaves a torn frame and a torn thermo row: resuming cuts them off. */
    @Test
    void resumeRepairsTornTrajectoryAndThermoTails(@TempDir Path tmp) throws Exception {
        var lj = LennardJones.argon();
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        RunDirectory outA = RunDirectory.create(a);
        MdSimulation.start(TestSystems.argon13(), lj, settings(Ensemble.NVT)).run(100, outA, null);
        outA.close();
        RunDirectory outB = RunDirectory.create(b);
        MdSimulation.start(TestSystems.argon13(), lj, settings(Ensemble.NVT)).run(50, outB, null);
        outB.close();
        Files.writeString(b.resolve(RunDirectory.TRAJECTORY), "13\nProperties=species:S:1:pos:R:3 step=60\nAr 0.0 0.0", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(b.resolve(RunDirectory.THERMO), "300.0,-0.45,0.0", java.nio.file.StandardOpenOption.APPEND);
        MdSimulation resumed = MdSimulation.resume(b.resolve(RunDirectory.RESTART), lj);
        RunDirectory outB2 = RunDirectory.resume(b, resumed.system().step, resumed.settings().timestepFs());
        resumed.run(100, outB2, null);
        outB2.close();
        for (String f : new String[] {RunDirectory.TRAJECTORY, RunDirectory.THERMO}) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
    }
}
