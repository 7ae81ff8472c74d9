package org.qff.ffi.lammps;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qff.ffi.ArgonCluster;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.LennardJones;
import org.qff.qnn.potential.Potential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's LAMMPS runs NVE on a 21-atom argon cluster twice from the same start: once with its
 * own {@code pair_style lj/cut} (cutoff beyond every pair, no shift: the same function as qff's
 * Lennard-Jones), once with {@code pair_style zero} and qff supplying forces and energy through
 * {@code fix external}. The thermo tables (pe, ke, etotal at every step) must agree.
 */
@Timeout(120)
class LammpsRunTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void lammpsPresent() {
        assumeTrue(LammpsLibrary.isAvailable(), "skipped: LAMMPS library absent (apt-get install liblammps0)");
    }

    static String input(Structure s, String interaction, String units, String boundary) {
        StringBuilder sb = new StringBuilder();
        sb.append("units ").append(units).append("\natom_style atomic\nboundary ").append(boundary).append("\n");
        sb.append("region box block -20 30 -20 30 -20 30\ncreate_box 1 box\n");
        for (int i = 0; i < s.size(); i++) {
            sb.append(String.format(Locale.ROOT, "create_atoms 1 single %.17g %.17g %.17g units box%n", s.x(i), s.y(i), s.z(i)));
        }
        sb.append("mass 1 39.948\n");
        sb.append(interaction).append('\n');
        sb.append("velocity all create 40.0 4928459 mom yes rot yes dist gaussian\n");
        sb.append("timestep 0.002\nfix nve all nve\nthermo 1\nthermo_style custom step pe ke etotal\nthermo_modify format float %.15g\n");
        sb.append("run 50\n");
        return sb.toString();
    }

    /** The thermo table of a LAMMPS log: rows of step, pe, ke, etotal. */
    static List<double[]> thermo(Path log) throws IOException {
        List<double[]> rows = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(log)) {
            String t = line.trim();
            if (t.startsWith("Step")) {
                in = true;
                continue;
            }
            if (in && t.startsWith("Loop time")) break;
            if (in && !t.isEmpty()) {
                String[] w = t.split("\\s+");
                double[] r = new double[w.length];
                for (int k = 0; k < w.length; k++) r[k] = Double.parseDouble(w[k]);
                rows.add(r);
            }
        }
        return rows;
    }

    private static List<double[]> runWithQff(String script, String name, Potential p, TypeSpecies types) throws IOException {
        Path in = Files.writeString(tmp.resolve(name + ".in"), script);
        Path log = tmp.resolve(name + ".log");
        LammpsInputRunner runner = new LammpsInputRunner(p, types);
        try (Lammps lmp = new Lammps(log, false)) {
            runner.run(lmp, in);
        }
        return thermo(log);
    }

    private static List<double[]> runNative(String script) throws IOException {
        Path in = Files.writeString(tmp.resolve("native.in"), script);
        Path log = tmp.resolve("native.log");
        try (Lammps lmp = new Lammps(log, false)) {
            for (String c : LammpsInputRunner.commands(in)) lmp.command(c);
        }
        return thermo(log);
    }

    @Test
    void nveWithQffForcesMatchesNativeLennardJones() throws IOException {
        Structure s = ArgonCluster.structure();
        List<double[]> reference = runNative(input(s, "pair_style lj/cut 40.0\npair_coeff 1 1 0.0104 3.40\npair_modify shift no", "metal", "f f f"));
        List<double[]> qff = runWithQff(input(s, "pair_style zero 40.0\npair_coeff * *\nfix qff all external pf/callback 1 1", "metal", "f f f"),
                "qff", LennardJones.argon(), null);
        assertEquals(51, reference.size());
        assertEquals(51, qff.size());
        double e0 = LennardJones.argon().energy(s);
        // Step 0: the cluster as given; %.15g thermo output limits agreement to ~1e-15 relative.
        assertEquals(e0, qff.get(0)[1], 1e-13);
        assertEquals(e0, reference.get(0)[1], 1e-13);
        for (int k = 0; k < reference.size(); k++) {
            double[] a = reference.get(k), b = qff.get(k);
            assertEquals(a[0], b[0], "step");
            // Same function, different summation order: rounding differences (1e-16) grow along the
            // chaotic trajectory but stay far below 1e-9 eV over 50 steps of 2 fs.
            for (int c = 1; c < 4; c++) assertEquals(a[c], b[c], 1e-9, "step " + (long) a[0] + " column " + c);
        }
        // NVE: total energy conserved to the Verlet error (~1e-5 eV here); a unit or sign error would break it.
        for (double[] r : qff) assertEquals(qff.get(0)[3], r[3], 1e-4, "etotal drift");
        assertTrue(qff.get(50)[2] > 0.01, "atoms move: ke " + qff.get(50)[2]);
    }

    @Test
    void typesAreIdentifiedByMassOrGiven() {
        assertEquals("1=Ar", TypeSpecies.fromMasses(new double[] {0, 39.948}).toString());
        assertEquals("1=C, 2=H, 3=O", TypeSpecies.parse("C,H,O").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TypeSpecies.fromMasses(new double[] {0, 39.948, 50.0}));
        assertTrue(e.getMessage().contains("type 2 has mass 50.0"), e.getMessage());
    }

    /** Lennard-Jones claiming to cover carbon only: LAMMPS's argon atoms are uncovered. */
    private static final Potential CARBON_ONLY = new Potential() {
        @Override
        public double compute(Structure st, double[] f, double[] ae) {
            checkCovers(st);
            return LennardJones.argon().compute(st, f, ae);
        }

        @Override
        public boolean covers(int z) { return z == 6; }

        @Override
        public String name() { return "carbon-only"; }
    };

    @Test
    void faultsInTheCallbackEndTheRunWithAClearError() {
        Structure s = ArgonCluster.structure(4, 3);
        String fix = "pair_style zero 10.0\npair_coeff * *\nfix q all external pf/callback 1 1";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> runWithQff(input(s, fix, "metal", "f f f"), "uncovered", CARBON_ONLY, null));
        assertTrue(e.getMessage().contains("fix q at step 0: potential carbon-only does not cover atom 0 (atomic number 18)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> runWithQff(input(s, fix, "real", "f f f"), "real", LennardJones.argon(), null));
        assertTrue(e.getMessage().contains("needs LAMMPS \"units metal\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> runWithQff(input(s, fix, "metal", "p p p"), "periodic", LennardJones.argon(), null));
        assertTrue(e.getMessage().contains("non-periodic boundaries"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> runWithQff(input(s, "pair_style zero 10.0\npair_coeff * *", "metal", "f f f"),
                "nofix", LennardJones.argon(), null));
        assertTrue(e.getMessage().contains("before any \"fix ID all external pf/callback 1 1\""), e.getMessage());
    }
}
