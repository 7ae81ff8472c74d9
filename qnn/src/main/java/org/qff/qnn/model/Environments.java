package org.qff.qnn.model;

import org.qff.qnn.atoms.Elements;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.neighbors.MinimumDistance;
import org.qff.qnn.neighbors.NeighborList;

/**
 * Builds every atom's {@link AtomEnvironment} from a neighbour list and checks the structure on the
 * way: species the model does not cover and atoms closer than 0.1 Å are rejected naming the atom(s)
 * and value. Not thread-safe: one per thread.
 */
final class Environments {
    private final QnnModel model;
    private final NeighborList list;
    private AtomEnvironment[] envs = new AtomEnvironment[0];
    private int atoms;

    Environments(QnnModel model) {
        this.model = model;
        this.list = new NeighborList(model.cutoff());
    }

    void build(Structure s) {
        int n = s.size();
        for (int i = 0; i < n; i++) {
            if (model.speciesIndex(s.atomicNumber(i)) < 0) {
                throw new IllegalArgumentException("the " + model.type() + " model covers " + model.speciesSymbols() + " but atom " + i
                        + " has atomic number " + s.atomicNumber(i) + " (" + Elements.symbol(s.atomicNumber(i)) + ")");
            }
        }
        list.build(s);
        if (envs.length < n) {
            AtomEnvironment[] grown = java.util.Arrays.copyOf(envs, n);
            for (int i = envs.length; i < n; i++) grown[i] = new AtomEnvironment();
            envs = grown;
        }
        atoms = n;
        for (int i = 0; i < n; i++) {
            AtomEnvironment e = envs[i];
            e.center = i;
            e.centerSpecies = model.speciesIndex(s.atomicNumber(i));
            e.count = 0;
            for (int k = list.start(i); k < list.end(i); k++) {
                int j = list.neighbor(k);
                double d = list.distance(k);
                if (d < MinimumDistance.DEFAULT_MIN_DISTANCE) {
                    throw new IllegalArgumentException("atoms " + Math.min(i, j) + " and " + Math.max(i, j) + " are " + d + " Å apart (closer than "
                            + MinimumDistance.DEFAULT_MIN_DISTANCE + " Å)");
                }
                e.add(j, model.speciesIndex(s.atomicNumber(j)), list.dx(k), list.dy(k), list.dz(k), d);
            }
            if (model.sortsNeighbours()) e.sortByDistance();
        }
    }

    int atoms() { return atoms; }

    AtomEnvironment get(int i) { return envs[i]; }
}
