package org.qff.ffi.lammps;

import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.Potential;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The callback of one LAMMPS {@code fix ID group external pf/callback N M}: each time LAMMPS calls
 * it, qff computes energy and forces of all local atoms and writes the forces into the fix's
 * array and the energy with lammps_fix_external_set_energy_global (counted in {@code pe} through
 * {@code fix_modify ID energy yes}).
 *
 * <p>Nothing may escape an upcall; the first failure is kept ({@link #error()}), the forces of
 * that call are zero and LAMMPS is asked to end the run (lammps_force_timeout), so the runner
 * can report it.
 */
@SuppressWarnings("restricted") // native access is this module's job; the launcher and forks pass --enable-native-access
public final class QffFixExternal {
    private final Lammps lammps;
    private final String fixId;
    private final Potential potential;
    private final TypeSpecies givenTypes;
    private final MemorySegment stub;
    private final MemorySegment fixIdC;
    private final Arena arena = Arena.ofShared();

    private TypeSpecies types;
    private volatile String error;
    private long calls;
    private double lastEnergy = Double.NaN;
    private int[] z = new int[0];
    private double[] positions = new double[0];
    private double[] forces = new double[0];

    /**
     * @param types the elements of the atom types, or null to identify them by mass
     */
    public QffFixExternal(Lammps lammps, String fixId, Potential potential, TypeSpecies types) {
        this.lammps = lammps;
        this.fixId = fixId;
        this.potential = potential;
        this.givenTypes = types;
        try {
            stub = Linker.nativeLinker().upcallStub(
                    MethodHandles.lookup().bind(this, "callback",
                            MethodType.methodType(void.class, MemorySegment.class, long.class, int.class, MemorySegment.class, MemorySegment.class,
                                    MemorySegment.class)),
                    FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, ADDRESS), arena);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        fixIdC = arena.allocateFrom(fixId);
    }

    /** Hands the callback to LAMMPS; the fix must exist. */
    public void register() {
        try {
            lammps.library().setFixExternalCallback.invokeExact(lammps.handle(), fixIdC, stub, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private void callback(MemorySegment ignoredPtr, long timestep, int nlocal, MemorySegment ids, MemorySegment x, MemorySegment f) {
        MemorySegment fRows = MemorySegment.NULL;
        try {
            fRows = f.reinterpret(8).get(ADDRESS, 0).reinterpret(24L * nlocal);
            if (error != null) {
                fRows.fill((byte) 0);
                return;
            }
            if (types == null) types = resolveTypes();
            long natoms = lammps.natoms();
            if (natoms != nlocal) {
                throw new IllegalStateException("LAMMPS holds " + nlocal + " of " + natoms + " atoms in this process: qff lammps runs serially only");
            }
            if (z.length != nlocal) {
                z = new int[nlocal];
                positions = new double[3 * nlocal];
                forces = new double[3 * nlocal];
            }
            // LAMMPS's 2D arrays are one contiguous block behind a table of row pointers.
            MemorySegment xRows = x.reinterpret(8).get(ADDRESS, 0).reinterpret(24L * nlocal);
            MemorySegment.copy(xRows, ValueLayout.JAVA_DOUBLE, 0, positions, 0, 3 * nlocal);
            MemorySegment type = lammps.atom("type").reinterpret(4L * nlocal);
            for (int i = 0; i < nlocal; i++) z[i] = types.atomicNumber(type.getAtIndex(JAVA_INT, i));
            Structure structure = new Structure(z, positions);
            potential.checkCovers(structure);
            double e = potential.compute(structure, forces, null);
            if (!Double.isFinite(e)) throw new IllegalArgumentException("potential " + potential.name() + " returned a non-finite energy " + e);
            MemorySegment.copy(forces, 0, fRows, ValueLayout.JAVA_DOUBLE, 0, 3 * nlocal);
            lammps.library().fixExternalSetEnergyGlobal.invokeExact(lammps.handle(), fixIdC, e);
            lastEnergy = e;
            calls++;
        } catch (Throwable t) {
            error = "fix " + fixId + " at step " + timestep + ": " + (t instanceof IllegalArgumentException || t instanceof IllegalStateException
                    ? t.getMessage() : t.toString());
            try {
                if (fRows.address() != 0) fRows.fill((byte) 0);
                lammps.forceTimeout();
            } catch (Throwable ignored) {
                // the recorded error is reported once LAMMPS returns
            }
        }
    }

    private TypeSpecies resolveTypes() {
        String units = lammps.units();
        if (!units.equals("metal")) throw new IllegalArgumentException("qff needs LAMMPS \"units metal\" (Å, eV), the input uses \"units " + units + "\"");
        boolean[] p = lammps.periodicity();
        if (p[0] || p[1] || p[2]) {
            throw new IllegalArgumentException("qff potentials here are for isolated systems: use non-periodic boundaries (\"boundary f f f\" or \"s s s\")");
        }
        if (givenTypes != null) return givenTypes;
        int ntypes = lammps.setting("ntypes");
        MemorySegment mass = lammps.atom("mass");
        if (mass.address() == 0) throw new IllegalArgumentException("LAMMPS has no per-type masses: give the elements with --types");
        double[] m = mass.reinterpret(8L * (ntypes + 1)).toArray(ValueLayout.JAVA_DOUBLE);
        return TypeSpecies.fromMasses(m);
    }

    /** The first failure inside the callback, or null. */
    public String error() {
        return error;
    }

    public long calls() {
        return calls;
    }

    public double lastEnergy() {
        return lastEnergy;
    }

    public String fixId() {
        return fixId;
    }

    /** The element mapping in use (null before the first call). */
    public TypeSpecies types() {
        return types;
    }
}
