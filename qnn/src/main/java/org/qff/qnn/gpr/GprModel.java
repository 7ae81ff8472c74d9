package org.qff.qnn.gpr;

import org.qff.qnn.atoms.Elements;
import org.qff.qnn.descriptor.LocalFrame;

import java.util.List;

/**
 * Everything that defines a trained GPR potential, and nothing derived: the molecule's species in
 * model atom order, the atomic local frames, per-atom kernel length scales, the signal variance,
 * the relative noise and jitter that were on the training covariance's diagonal, the training
 * geometries, the weights (K0 + noise + jitter)⁻¹(y − m) and the prior mean. {@link GprPotential}
 * derives its prediction arrays from exactly these numbers, so a model read back from its file
 * predicts bit for bit what the trained one did.
 *
 * @param species atomic number of each model atom
 * @param frames local frame of each model atom
 * @param lengthScales per atom, per feature kernel length scale (Å or rad)
 * @param lengthScaleFactors the multipliers of the training-set feature spreads for distances and angles (for the record)
 * @param signalVariance σ² in eV² (the profiled maximum-likelihood value)
 * @param energyNoise relative noise variance on energy observations (units of σ²)
 * @param forceNoise relative noise variance on gradient observations (units of σ²)
 * @param jitter extra diagonal added to make the training covariance factorisable (units of σ²)
 * @param withForces whether gradients were observed
 * @param trainingPositions flat positions (Å) of each training geometry
 * @param weights per observation weight, observation order as in the covariance
 * @param priorMean the prior mean
 * @param logMarginalLikelihood log marginal likelihood of the training data under the model
 */
public record GprModel(int[] species, List<LocalFrame> frames, double[][] lengthScales, double[] lengthScaleFactors,
                       double signalVariance, double energyNoise, double forceNoise, double jitter, boolean withForces,
                       double[][] trainingPositions, double[] weights, PriorMean priorMean, double logMarginalLikelihood) {

    public GprModel {
        species = species.clone();
        frames = List.copyOf(frames);
        lengthScales = PriorMean.deepCopy(lengthScales);
        lengthScaleFactors = lengthScaleFactors.clone();
        trainingPositions = PriorMean.deepCopy(trainingPositions);
        weights = weights.clone();
        int n = species.length;
        if (n < 3) throw new IllegalArgumentException("a GPR model needs at least 3 atoms, got " + n);
        for (int i = 0; i < n; i++) {
            if (!Elements.isKnown(species[i])) throw new IllegalArgumentException("model atom " + i + " has unknown atomic number " + species[i]);
        }
        if (frames.size() != n) throw new IllegalArgumentException(frames.size() + " local frames for " + n + " atoms");
        if (lengthScales.length != n) throw new IllegalArgumentException(lengthScales.length + " length-scale rows for " + n + " atoms");
        for (int i = 0; i < n; i++) {
            LocalFrame f = frames.get(i);
            if (f.centre() != i || f.atomCount() != n) throw new IllegalArgumentException("local frame " + i + " (" + f + ") does not fit a " + n + "-atom model");
            boolean[] seen = new boolean[n];
            int[] atoms = new int[n];
            atoms[0] = f.centre();
            atoms[1] = f.xAxisAtom();
            atoms[2] = f.xyPlaneAtom();
            System.arraycopy(f.others(), 0, atoms, 3, n - 3);
            for (int a : atoms) {
                if (a < 0 || a >= n || seen[a]) throw new IllegalArgumentException("local frame " + i + " (" + f + ") does not list every atom exactly once");
                seen[a] = true;
            }
            if (lengthScales[i].length != f.dimension()) {
                throw new IllegalArgumentException("atom " + i + " has " + lengthScales[i].length + " length scales for " + f.dimension() + " features");
            }
        }
        if (priorMean.atomCount() != n) throw new IllegalArgumentException("prior mean covers " + priorMean.atomCount() + " atoms, the model " + n);
        for (int i = 0; i < n; i++) {
            if (priorMean.centres()[i].length != frames.get(i).dimension()) {
                throw new IllegalArgumentException("prior mean of atom " + i + " has the wrong feature count");
            }
        }
        positive("signal variance", signalVariance);
        nonNegative("energy noise", energyNoise);
        nonNegative("force noise", forceNoise);
        nonNegative("jitter", jitter);
        if (trainingPositions.length == 0) throw new IllegalArgumentException("a GPR model needs at least one training geometry");
        for (int s = 0; s < trainingPositions.length; s++) {
            if (trainingPositions[s].length != 3 * n) {
                throw new IllegalArgumentException("training geometry " + s + " has " + trainingPositions[s].length + " coordinates, expected " + 3 * n);
            }
            for (double x : trainingPositions[s]) if (!Double.isFinite(x)) throw new IllegalArgumentException("training geometry " + s + " has a non-finite coordinate");
        }
        int expected = trainingPositions.length * Covariance.observationsPerFrame(n, withForces);
        if (weights.length != expected) throw new IllegalArgumentException(weights.length + " weights, expected " + expected);
        for (int k = 0; k < weights.length; k++) if (!Double.isFinite(weights[k])) throw new IllegalArgumentException("weight " + k + " is not finite");
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || !Double.isFinite(v)) throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
    }

    private static void nonNegative(String what, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) throw new IllegalArgumentException(what + " must be finite and ≥ 0, got " + v);
    }

    public int atomCount() { return species.length; }

    /**
     * The same model for the molecule with its atoms relabelled: old atom a becomes atom
     * {@code newIndexOf[a]}. The relabelled model gives a relabelled structure the same energy
     * (and correspondingly relabelled forces and atom energies) as this model gives the original:
     * this is the permutation symmetry a fixed-order (FFLUX) model has. It is not invariant under
     * swapping two identical atoms of the structure while keeping the model.
     */
    public GprModel relabelled(int[] newIndexOf) {
        int n = species.length;
        if (newIndexOf.length != n) throw new IllegalArgumentException("permutation of " + newIndexOf.length + " atoms for a " + n + "-atom model");
        boolean[] seen = new boolean[n];
        for (int a = 0; a < n; a++) {
            int p = newIndexOf[a];
            if (p < 0 || p >= n || seen[p]) throw new IllegalArgumentException("not a permutation of 0.." + (n - 1) + ": " + java.util.Arrays.toString(newIndexOf));
            seen[p] = true;
        }
        int[] sp = new int[n];
        LocalFrame[] fr = new LocalFrame[n];
        double[][] ls = new double[n][], cen = new double[n][], sc = new double[n][], co = new double[n][];
        double[][] pmCentres = priorMean.centres(), pmScales = priorMean.scales(), pmCoef = priorMean.coefficients();
        for (int a = 0; a < n; a++) {
            int p = newIndexOf[a];
            sp[p] = species[a];
            fr[p] = frames.get(a).relabelled(newIndexOf);
            ls[p] = lengthScales[a].clone();
            cen[p] = pmCentres[a];
            sc[p] = pmScales[a];
            co[p] = pmCoef[a];
        }
        double[][] pos = new double[trainingPositions.length][3 * n];
        int per = Covariance.observationsPerFrame(n, withForces);
        double[] w = new double[weights.length];
        for (int s = 0; s < pos.length; s++) {
            w[s * per] = weights[s * per];
            for (int a = 0; a < n; a++) {
                int p = newIndexOf[a];
                for (int c = 0; c < 3; c++) {
                    pos[s][3 * p + c] = trainingPositions[s][3 * a + c];
                    if (withForces) w[s * per + 1 + 3 * p + c] = weights[s * per + 1 + 3 * a + c];
                }
            }
        }
        PriorMean pm = new PriorMean(priorMean.kind(), priorMean.margin(), priorMean.constant(), cen, sc, co, priorMean.coordinates());
        return new GprModel(sp, List.of(fr), ls, lengthScaleFactors, signalVariance, energyNoise, forceNoise, jitter, withForces, pos, w, pm,
                logMarginalLikelihood);
    }

    public int trainingCount() { return trainingPositions.length; }

    @Override
    public int[] species() { return species.clone(); }

    @Override
    public double[][] lengthScales() { return PriorMean.deepCopy(lengthScales); }

    @Override
    public double[][] trainingPositions() { return PriorMean.deepCopy(trainingPositions); }

    @Override
    public double[] weights() { return weights.clone(); }

    @Override
    public double[] lengthScaleFactors() { return lengthScaleFactors.clone(); }
}
