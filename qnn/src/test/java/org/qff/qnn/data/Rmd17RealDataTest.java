package org.qff.qnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qff.qnn.atoms.Units;
import org.qff.qnn.potential.TopologyBuilder;

/**
 * Hand-checked frames of the real rMD17 files under QFF_DATA (skipped when absent). Expected
 * values were read independently with NumPy 1.24.2:
 * {@code d = np.load('rmd17_ethanol_train_01.npz'); repr(float(d['coords'][0][0][0]))} etc.,
 * kcal/mol as stored; the test converts with Units.KCAL_PER_MOL.
 */
class Rmd17RealDataTest {
    private Path root;

    /** Per test (not per class), so that Surefire reports each skipped test with the reason. */
    @BeforeEach
    void dataRoot() {
        String env = System.getenv("QFF_DATA");
        root = env == null ? null : Path.of(env);
        assumeTrue(root != null && Files.isRegularFile(root.resolve("rmd17/rmd17_ethanol_train_01.npz")),
                "QFF_DATA not set or without rmd17/: real-data tests skipped");
    }

    @Test
    void ethanolTrain01Frame0() throws Exception {
        Dataset d = Rmd17.load(root, "ethanol", Rmd17.Part.TRAIN, 1);
        assertEquals(1000, d.size());
        assertArrayEquals(new int[] {6, 6, 8, 1, 1, 1, 1, 1, 1}, d.atomicNumbers());
        double[] r = d.positions(0);
        // Coordinates are stored in Å: no conversion, exact.
        assertArrayEquals(new double[] {-0.17406277, -0.48797864, 0.0185579}, java.util.Arrays.copyOfRange(r, 0, 3), 0);
        assertArrayEquals(new double[] {1.05895494, -0.40161254, -1.43156577}, java.util.Arrays.copyOfRange(r, 24, 27), 0);
        // −97079.92222178938 kcal/mol × 0.0433641043 eV/(kcal/mol) ≈ −4209.78 eV; one multiplication, exact to 1 ulp.
        assertEquals(-97079.92222178938 * Units.KCAL_PER_MOL, d.energy(0), 0);
        assertEquals(-4209.78, d.energy(0), 0.01);
        assertEquals(-97080.29282622099 * Units.KCAL_PER_MOL, d.energy(999), 0);
        double[] f = d.forces(0);
        assertArrayEquals(new double[] {-17.64730699309182 * Units.KCAL_PER_MOL, -26.137516505005973 * Units.KCAL_PER_MOL,
            40.70575377161765 * Units.KCAL_PER_MOL}, java.util.Arrays.copyOfRange(f, 0, 3), 0);
        assertArrayEquals(new double[] {3.778165781188996 * Units.KCAL_PER_MOL, 0.48325765110016383 * Units.KCAL_PER_MOL,
            -17.561866215045868 * Units.KCAL_PER_MOL}, java.util.Arrays.copyOfRange(f, 24, 27), 0);
        // Whole-file sums from NumPy (float64, pairwise summation): a different summation order
        // differs by ≲ 1e-12 relative; 1e-10 relative catches any misread frame.
        double sumE = 0, sumAbsF = 0, sumR = 0;
        for (int k = 0; k < d.size(); k++) {
            sumE += d.energy(k);
            for (double x : d.forces(k)) sumAbsF += Math.abs(x);
            for (double x : d.positions(k)) sumR += x;
        }
        assertEquals(-97076263.35677099 * Units.KCAL_PER_MOL, sumE, 1e-10 * Math.abs(sumE));
        assertEquals(547086.3856135458 * Units.KCAL_PER_MOL, sumAbsF, 1e-10 * sumAbsF);
        assertEquals(-792.32038172, sumR, 1e-9);
        // rMD17's atom order is the one the bonded-ethanol built-in assumes: same 8 bonds.
        assertEquals(8, TopologyBuilder.fromReference(d.structure(0)).bonds().size());
    }

    @Test
    void aspirinTest01LastFrame() throws Exception {
        Dataset d = Rmd17.load(root, "aspirin", Rmd17.Part.TEST, 1);
        assertEquals(1000, d.size());
        assertArrayEquals(new int[] {6, 6, 6, 6, 6, 6, 6, 8, 8, 8, 6, 6, 8, 1, 1, 1, 1, 1, 1, 1, 1}, d.atomicNumbers());
        assertArrayEquals(new double[] {-4.28391829, 0.94738871, 0.16232745}, java.util.Arrays.copyOfRange(d.positions(999), 60, 63), 0);
        assertEquals(-406275.1344883981 * Units.KCAL_PER_MOL, d.energy(999), 0);
        assertArrayEquals(new double[] {5.035287875625024 * Units.KCAL_PER_MOL, -5.174414329911399 * Units.KCAL_PER_MOL,
            -5.974105955641104 * Units.KCAL_PER_MOL}, java.util.Arrays.copyOfRange(d.forces(999), 60, 63), 0);
    }

    @Test
    void commonProtocolOnEthanol() throws Exception {
        Dataset train = Rmd17.load(root, "ethanol", Rmd17.Part.TRAIN, 1);
        Dataset test = Rmd17.load(root, "ethanol", Rmd17.Part.TEST, 1);
        train.requireSameMolecule(test);
        Splits.TrainValidation tv = Splits.trainValidation(train, 950, 50, 0);
        assertEquals(950, tv.train().size());
        assertEquals(50, tv.validation().size());
    }
}
