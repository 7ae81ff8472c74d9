package org.qff.md;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.qnn.io.ExtXyz;
import org.qff.qnn.potential.LennardJones;

/** The trajectory is read by ASE itself (skipped where Python or ASE is missing; CI installs python3-ase). */
class AseCompatibilityTest {

    /** A Python that can import ASE: the one on PATH, else the system one (Debian's python3-ase), else null. */
    private static String pythonWithAse() {
        for (String python : new String[] {"python3", "/usr/bin/python3"}) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import ase.io").redirectErrorStream(true).start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return python;
            } catch (Exception e) {
                // not installed: try the next
            }
        }
        return null;
    }

    @Test
    void aseReadsEveryFrameWithEnergiesForcesAndPositions(@TempDir Path dir) throws Exception {
        String python = pythonWithAse();
        assumeTrue(python != null, "python3 with ASE not available: skipping the ASE read-back check");
        RunDirectory out = RunDirectory.create(dir);
        MdSimulation.start(TestSystems.argon13(), LennardJones.argon(), MdSettings.of(Ensemble.NVT, 5, 30, 3).withOutput(10, 1000))
                .run(50, out, null);
        out.close();
        Path traj = dir.resolve(RunDirectory.TRAJECTORY);
        String script = """
                import sys, ase.io
                frames = ase.io.read(sys.argv[1], index=":")
                for a in frames:
                    f = a.get_forces()
                    print(len(a), repr(a.get_potential_energy()), repr(float(a.positions[3][1])), repr(float(f[5][2])), a.get_chemical_symbols()[0], a.info.get("step"))
                """;
        Process p = new ProcessBuilder(python, "-c", script, traj.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 timed out");
        assertEquals(0, p.exitValue(), output);
        List<ExtXyz.Frame> ours = ExtXyz.readAll(traj);
        String[] lines = output.strip().split("\n");
        assertEquals(ours.size(), lines.length, output);
        for (int k = 0; k < lines.length; k++) {
            String[] t = lines[k].trim().split("\\s+");
            ExtXyz.Frame f = ours.get(k);
            assertEquals(13, Integer.parseInt(t[0]));
            assertEquals(f.energy(), Double.parseDouble(t[1]), 0.0);
            assertEquals(f.structure().y(3), Double.parseDouble(t[2]), 0.0);
            assertEquals(f.forces()[17], Double.parseDouble(t[3]), 0.0);
            assertEquals("Ar", t[4]);
            assertEquals(Long.parseLong(f.info().get("step")), Long.parseLong(t[5]));
        }
        assertEquals(6, lines.length);
        assertEquals(true, Files.size(traj) > 0);
    }

    @Test
    void weReadWhatAseWrites(@TempDir Path dir) throws Exception {
        String python = pythonWithAse();
        assumeTrue(python != null, "python3 with ASE not available: skipping the ASE write check");
        Path file = dir.resolve("ase.xyz");
        String script = """
                import sys, numpy as np, ase, ase.io
                from ase.calculators.singlepoint import SinglePointCalculator
                frames = []
                for k in range(3):
                    a = ase.Atoms("OH2", positions=[[0, 0, 0.1173 + k], [0, 0.7572, -0.4692], [0, -0.7572, -0.4692]],
                                  cell=[10, 11, 12], pbc=(k == 2))
                    a.calc = SinglePointCalculator(a, energy=-1.25 * k, forces=np.arange(9.0).reshape(3, 3) * (k + 1))
                    a.info["note"] = "frame %d" % k
                    frames.append(a)
                ase.io.write(sys.argv[1], frames, format="extxyz")
                """;
        Process p = new ProcessBuilder(python, "-c", script, file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 timed out");
        assertEquals(0, p.exitValue(), output);
        List<ExtXyz.Frame> frames = ExtXyz.readAll(file);
        assertEquals(3, frames.size());
        for (int k = 0; k < 3; k++) {
            ExtXyz.Frame f = frames.get(k);
            assertEquals(8, f.structure().atomicNumber(0));
            assertEquals(0.1173 + k, f.structure().z(0), 1e-12);
            assertEquals(-1.25 * k, f.energy(), 1e-12);
            assertEquals(8.0 * (k + 1), f.forces()[8], 1e-12);
            assertEquals(k == 2, f.structure().isPeriodic(), "pbc of frame " + k);
            assertEquals("frame " + k, f.info().get("note"));
        }
        assertEquals(1320.0, frames.get(2).structure().cell().volume(), 1e-9);
    }
}
