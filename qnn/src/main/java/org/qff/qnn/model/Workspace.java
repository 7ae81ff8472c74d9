package org.qff.qnn.model;

import org.qff.qnn.model.circuit.CircuitEvaluator;

/** Everything one thread needs to evaluate a model: neighbour environments, circuit engine, buffers. */
final class Workspace {
    final Environments envs;
    final CircuitEvaluator engine;
    final QnnModel.EncodingScratch scratch;
    final double[] p, g, a, t, ht;
    double[] dEdR = new double[0];
    double[] atomValues = new double[0];

    Workspace(QnnModel model, CircuitBackend backend) {
        envs = new Environments(model);
        engine = model.newEvaluator(backend);
        scratch = model.newScratch();
        int n = model.circuit().paramCount();
        p = new double[n];
        g = new double[n];
        a = new double[n];
        t = new double[n];
        ht = new double[n];
    }

    void ensureAtoms(int n) {
        if (dEdR.length < 3 * n) dEdR = new double[3 * n];
        if (atomValues.length < n) atomValues = new double[n];
    }
}
