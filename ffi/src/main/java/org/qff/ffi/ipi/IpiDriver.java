package org.qff.ffi.ipi;

import org.qff.qnn.atoms.Cell;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.atoms.Units;
import org.qff.qnn.potential.Potential;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The driver side of the i-PI protocol for any {@link Potential}: answers STATUS, takes INIT and
 * POSDATA, computes, returns FORCEREADY with energy, forces and virial, until EXIT or the server
 * closes the connection between steps.
 *
 * <p>Units: the wire is in atomic units (Bohr, Hartree); the potential in Å and eV. Conversion
 * happens here and nowhere else. Arrays follow i-PI: the cell matrix h has the lattice vectors as
 * columns and is sent row-major; positions and forces are x0 y0 z0 x1 …
 *
 * <p>Virial: for an isolated system (zero cell, or {@code ignoreCell}) the virial
 * W_ab = Σ_i r_ia F_ib is exact for a translation-invariant potential. qff potentials give no stress
 * for periodic cells yet, so there the virial is sent as zero and a warning is logged once:
 * constant-pressure runs need a potential with stress.
 *
 * <p>Errors (malformed messages, a wrong atom count, a structure the potential rejects) end the
 * run with an exception; the protocol has no way to report them to the server.
 */
public final class IpiDriver {
    /** No real run needs more; a larger count is a garbled message, not a system to allocate for. */
    static final int MAX_ATOMS = 10_000_000;

    /** How a run ended. */
    public enum Ending { EXIT_MESSAGE, SERVER_CLOSED }

    public record Result(long steps, Ending ending) {}

    private final Potential potential;
    private final Species species;
    private final boolean ignoreCell;
    private final Consumer<String> log;

    private boolean warnedPeriodicVirial;

    /**
     * @param ignoreCell treat the atoms as isolated whatever cell the server sends (a molecule in a
     *     vacuum box)
     * @param log receives one-line notices (connection, warnings); never null
     */
    public IpiDriver(Potential potential, Species species, boolean ignoreCell, Consumer<String> log) {
        this.potential = java.util.Objects.requireNonNull(potential, "potential");
        this.species = java.util.Objects.requireNonNull(species, "species");
        this.ignoreCell = ignoreCell;
        this.log = log;
    }

    /** Serves one connection to its end. */
    public Result serve(IpiConnection conn) throws IOException {
        long steps = 0;
        boolean haveData = false;
        double energyEv = 0;
        double[] forcesEvA = new double[0];
        double[] positionsA = new double[0];
        double[] cellData = new double[9];
        double[] icellData = new double[9];
        int natoms = 0;
        while (true) {
            IpiHeader h = conn.readHeaderOrEnd();
            if (h == null) {
                if (haveData) throw new IpiProtocolException("server closed the connection mid-step (after POSDATA, before GETFORCE)");
                return new Result(steps, Ending.SERVER_CLOSED);
            }
            switch (h) {
                case STATUS -> conn.write(haveData ? IpiHeader.HAVEDATA : IpiHeader.READY);
                case INIT -> {
                    conn.readInt("the INIT bead index");
                    int len = conn.readInt("the INIT string length");
                    if (len < 0 || len > (1 << 24)) throw new IpiProtocolException("INIT string length " + len + " is impossible");
                    conn.readBytes(len, "the INIT string");
                }
                case POSDATA -> {
                    if (haveData) throw new IpiProtocolException("POSDATA before the previous step's forces were collected (GETFORCE)");
                    conn.readDoubles(cellData, 9, "the POSDATA cell");
                    conn.readDoubles(icellData, 9, "the POSDATA inverse cell");
                    int n = conn.readInt("the POSDATA atom count");
                    if (n < 1 || n > MAX_ATOMS) throw new IpiProtocolException("POSDATA atom count " + n + " is impossible");
                    if (n != natoms) {
                        natoms = n;
                        positionsA = new double[3 * n];
                        forcesEvA = new double[3 * n];
                    }
                    conn.readDoubles(positionsA, 3 * n, "the POSDATA positions of " + n + " atoms");
                    for (int k = 0; k < 3 * n; k++) positionsA[k] *= Units.BOHR;
                    Structure s = structure(species.forAtoms(n), positionsA, cellData);
                    energyEv = compute(s, forcesEvA);
                    haveData = true;
                }
                case GETFORCE -> {
                    if (!haveData) throw new IpiProtocolException("GETFORCE before any POSDATA");
                    conn.write(IpiHeader.FORCEREADY);
                    conn.writeFully(forceReply(energyEv, forcesEvA, positionsA, natoms, isIsolated(cellData)));
                    haveData = false;
                    steps++;
                }
                case EXIT -> {
                    return new Result(steps, Ending.EXIT_MESSAGE);
                }
                default -> throw new IpiProtocolException("the server sent " + h + ", which only a driver sends");
            }
        }
    }

    private double compute(Structure s, double[] forces) throws IpiProtocolException {
        try {
            potential.checkCovers(s);
            double e = potential.compute(s, forces, null);
            if (!Double.isFinite(e)) throw new IllegalArgumentException("potential " + potential.name() + " returned a non-finite energy " + e);
            for (int k = 0; k < forces.length; k++) {
                if (!Double.isFinite(forces[k])) {
                    throw new IllegalArgumentException("potential " + potential.name() + " returned a non-finite force on atom " + k / 3);
                }
            }
            return e;
        } catch (IllegalArgumentException e) {
            String hint = s.isPeriodic() ? " (the server sent a non-zero cell; pass --ignore-cell for an isolated system in a box)" : "";
            throw new IllegalArgumentException("cannot evaluate the structure the server sent: " + e.getMessage() + hint, e);
        }
    }

    private boolean isIsolated(double[] cellData) {
        if (ignoreCell) return true;
        for (double v : cellData) if (v != 0) return false;
        return true;
    }

    private Structure structure(int[] zs, double[] positionsA, double[] cellData) throws IpiProtocolException {
        for (int k = 0; k < positionsA.length; k++) {
            if (!Double.isFinite(positionsA[k])) throw new IpiProtocolException("POSDATA position of atom " + k / 3 + " is not finite: " + positionsA[k]);
        }
        if (isIsolated(cellData)) return new Structure(zs, positionsA);
        // h is row-major with lattice vectors as columns: vector j is (h[0][j], h[1][j], h[2][j]).
        double[][] v = new double[3][3];
        for (int j = 0; j < 3; j++) for (int r = 0; r < 3; r++) v[j][r] = cellData[3 * r + j] * Units.BOHR;
        try {
            return new Structure(zs, positionsA, new Cell(v[0], v[1], v[2]));
        } catch (IllegalArgumentException e) {
            throw new IpiProtocolException("POSDATA cell is unusable: " + e.getMessage());
        }
    }

    private ByteBuffer forceReply(double energyEv, double[] forcesEvA, double[] positionsA, int n, boolean isolated) {
        ByteBuffer b = IpiConnection.payload(8 + 4 + 24 * n + 72 + 4);
        b.putDouble(energyEv / Units.HARTREE);
        b.putInt(n);
        double fScale = Units.BOHR / Units.HARTREE;
        for (int k = 0; k < 3 * n; k++) b.putDouble(forcesEvA[k] * fScale);
        double[] w = new double[9];
        if (isolated) {
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < 3; a++) for (int c = 0; c < 3; c++) w[3 * a + c] += positionsA[3 * i + a] * forcesEvA[3 * i + c];
            }
            for (int k = 0; k < 9; k++) w[k] /= Units.HARTREE; // Å·eV/Å = eV
        } else if (!warnedPeriodicVirial) {
            warnedPeriodicVirial = true;
            log.accept("warning: " + potential.name() + " gives no stress for periodic cells; sending a zero virial (constant-pressure runs are not supported)");
        }
        // Sent transposed (column-major), as i-PI's and ASE's drivers do; W is symmetric for a
        // rotation-invariant potential anyway.
        for (int c = 0; c < 3; c++) for (int a = 0; a < 3; a++) b.putDouble(w[3 * a + c]);
        b.putInt(0); // no extra string
        return b.flip();
    }
}
