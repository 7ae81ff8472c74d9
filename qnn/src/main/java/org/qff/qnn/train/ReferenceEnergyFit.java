package org.qff.qnn.train;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Per-species reference energies ε(Z) by least squares: E_frame ≈ Σ_Z n_Z(frame)·ε(Z).
 *
 * <p>rMD17 total energies are ~10^5 kcal/mol; subtracting these offsets leaves the model the
 * small, learnable part. When every frame has the same composition (one molecule) the system is
 * rank-deficient: the pseudo-inverse gives the minimum-norm solution, which still reproduces the
 * mean energy exactly, and that is all a single-molecule model needs.
 */
public final class ReferenceEnergyFit {
    private ReferenceEnergyFit() {}

    public static Map<Integer, Double> fit(List<TrainingFrame> frames) {
        if (frames.isEmpty()) throw new IllegalArgumentException("no frames to fit reference energies to");
        TreeSet<Integer> species = new TreeSet<>();
        for (TrainingFrame f : frames) for (int z : f.structure().atomicNumbers()) species.add(z);
        Integer[] zs = species.toArray(new Integer[0]);
        DMatrixRMaj a = new DMatrixRMaj(frames.size(), zs.length);
        DMatrixRMaj b = new DMatrixRMaj(frames.size(), 1);
        for (int r = 0; r < frames.size(); r++) {
            TrainingFrame f = frames.get(r);
            for (int z : f.structure().atomicNumbers()) {
                int c = java.util.Arrays.binarySearch(zs, z);
                a.add(r, c, 1.0);
            }
            b.set(r, 0, f.energy());
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.pseudoInverse(true);
        if (!solver.setA(a)) throw new IllegalStateException("reference energy fit failed (singular composition matrix)");
        DMatrixRMaj x = new DMatrixRMaj(zs.length, 1);
        solver.solve(b, x);
        Map<Integer, Double> out = new TreeMap<>();
        for (int c = 0; c < zs.length; c++) out.put(zs[c], x.get(c, 0));
        return out;
    }
}
