package org.qff.qnn.model;

import org.junit.jupiter.api.Test;
import org.qff.qnn.atoms.Structure;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;
import static org.qff.qnn.model.Fixtures.*;

class LossGradientTest {

    /** Reference labels away from the model's own prediction, so every loss term is non-trivial. */
    private static double[] referenceForces(Structure s, long seed) {
        Random r = new Random(seed);
        double[] f = new double[3 * s.size()];
        for (int k = 0; k < f.length; k++) f[k] = r.nextGaussian();
        return f;
    }

    private static void checkAgainstFiniteDifferences(QnnModel m, Structure s, double wE, double wF) {
        double eRef = new QnnPotential(m).energy(s) + 0.3;
        double[] fRef = referenceForces(s, 3);
        LossGradient lg = new LossGradient(m);
        double[] grad = new double[m.parameterCount()];
        double loss = lg.compute(s, eRef, fRef, wE, wF, grad);
        double[] w0 = m.getParameters();
        double[] scratch = new double[grad.length];
        double h = 1e-5, maxG = maxAbs(grad);
        assertTrue(maxG > 0);
        for (int k = 0; k < w0.length; k++) {
            double[] w = w0.clone();
            w[k] = w0[k] + h;
            m.setParameters(w);
            double lp = lg.compute(s, eRef, fRef, wE, wF, scratch);
            w[k] = w0[k] - h;
            m.setParameters(w);
            double lm = lg.compute(s, eRef, fRef, wE, wF, scratch);
            m.setParameters(w0);
            double fd = (lp - lm) / (2 * h);
            // central FD: truncation ~ h²·L''' ≈ 1e-10·|∂L|, rounding ~ 1e-16·L/h; 1e-6 of the largest component is ample and still catches any missing term
            assertEquals(fd, grad[k], 1e-6 * maxG, m.type() + " wE=" + wE + " wF=" + wF + " weight " + m.parameterName(k));
        }
        assertEquals(loss, lg.compute(s, eRef, fRef, wE, wF, scratch), 0);
    }

    @Test
    void revisedEnergyTerm() { checkAgainstFiniteDifferences(revised(), SampleMolecules.ethanol(), 1.0, 0.0); }

    @Test
    void revisedForceTerm() { checkAgainstFiniteDifferences(revised(), SampleMolecules.ethanol(), 0.0, 1.0); }

    @Test
    void revisedCombined() { checkAgainstFiniteDifferences(revised(), SampleMolecules.ethanol(), 0.7, 3.0); }

    @Test
    void baselineCombined() { checkAgainstFiniteDifferences(baseline(), SampleMolecules.ethanol(), 0.7, 3.0); }

    @Test
    void baselineWithSpeciesPairCouplingsCombined() {
        BaselineModel m = new BaselineModel(CHO, 4.0, 6, 2, true, true);
        QnnModels.randomise(m, 13);
        checkAgainstFiniteDifferences(m, SampleMolecules.ethanol(), 0.7, 3.0);
    }

    @Test
    void lossValueMatchesItsDefinition() {
        QnnModel m = revised();
        Structure s = SampleMolecules.ethanol();
        double[] f = new double[27];
        double e = new QnnPotential(m).compute(s, f, null);
        double[] fRef = referenceForces(s, 4);
        double sum = 0;
        for (int k = 0; k < 27; k++) sum += (f[k] - fRef[k]) * (f[k] - fRef[k]);
        double expected = 2.0 * 0.25 * 0.25 + 0.5 * sum / 27;
        assertEquals(expected, LossGradient.compute(m, s, e - 0.25, fRef, 2.0, 0.5, new double[m.parameterCount()]), 1e-12 * expected);
    }

    @Test
    void rejectsBadArguments() {
        QnnModel m = revised();
        Structure s = SampleMolecules.ethanol();
        double[] g = new double[m.parameterCount()];
        assertThrows(IllegalArgumentException.class, () -> LossGradient.compute(m, s, Double.NaN, new double[27], 1, 1, g));
        assertThrows(IllegalArgumentException.class, () -> LossGradient.compute(m, s, 0, new double[26], 1, 1, g));
        assertThrows(IllegalArgumentException.class, () -> LossGradient.compute(m, s, 0, new double[27], -1, 1, g));
        assertThrows(IllegalArgumentException.class, () -> LossGradient.compute(m, s, 0, new double[27], 1, 1, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> LossGradient.compute(m, new Structure(new int[0], new double[0]), 0, new double[0], 1, 1, g));
        double[] bad = new double[27];
        bad[5] = Double.POSITIVE_INFINITY;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossGradient.compute(m, s, 0, bad, 1, 1, g));
        assertTrue(e.getMessage().contains("atom 1"), e.getMessage());
    }
}
