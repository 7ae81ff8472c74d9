package org.qff.md;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.qff.qnn.atoms.Cell;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.io.AtomicFiles;
import org.qff.qnn.potential.Potential;

/**
 * Binary restart file: every variable that influences later steps, doubles stored bit-exactly
 * (settings, atoms, positions, velocities, forces, step, monitor reference, thermostat and
 * random-number state), the potential's name, and a CRC-32 so a damaged file is refused.
 * Written atomically.
 */
public final class RestartFile {
    private RestartFile() {}

    private static final long MAGIC = 0x5146464D44525331L; // "QFFMDRS1"

    public static void write(Path path, MdSimulation sim) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        MdSettings st = sim.settings();
        MdSystem s = sim.system();
        out.writeLong(MAGIC);
        out.writeUTF(s.potential().name());
        out.writeUTF(st.ensemble().name());
        out.writeDouble(st.timestepFs());
        out.writeDouble(st.temperatureK());
        out.writeDouble(st.tauFs());
        out.writeInt(st.chainLength());
        out.writeLong(st.seed());
        out.writeInt(st.every());
        out.writeInt(st.restartEvery());
        out.writeDouble(st.limits().bondStretchFactor());
        out.writeDouble(st.limits().minDistance());
        out.writeDouble(st.limits().maxDriftPerAtom());
        int n = s.size();
        out.writeInt(n);
        for (int i = 0; i < n; i++) out.writeInt(s.atomicNumber(i));
        out.writeBoolean(s.cell() != null);
        if (s.cell() != null) for (double[] row : s.cell().matrix()) writeArray(out, row);
        out.writeUTF(s.constraints().name());
        writeArray(out, sim.referencePositions());
        out.writeDouble(sim.monitor().referenceEnergy());
        out.writeLong(s.step);
        writeArray(out, s.positions);
        writeArray(out, s.velocities);
        writeArray(out, s.forces);
        out.writeDouble(s.potentialEnergy);
        sim.integrator().save(out);
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        byte[] all = bytes.toByteArray();
        AtomicFiles.write(path, o -> o.write(all));
    }

    /**
     * Reads a restart file for {@code potential}.
     *
     * @throws IllegalArgumentException when the file is missing, damaged, or was written with a
     *     different potential
     */
    public static MdSimulation read(Path path, Potential potential) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("restart file " + path + " does not exist");
        }
        if (all.length < 16) throw new IllegalArgumentException("restart file " + path + " is too short to be a qff restart file");
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8));
        try {
            if (in.readLong() != MAGIC) throw new IllegalArgumentException("restart file " + path + " is not a qff MD restart file");
            if (crc.getValue() != stored) throw new IllegalArgumentException("restart file " + path + " is damaged (checksum mismatch)");
            String potentialName = in.readUTF();
            if (!potentialName.equals(potential.name())) {
                throw new IllegalArgumentException("restart file " + path + " was written with potential \"" + potentialName
                        + "\", but the model given is \"" + potential.name() + "\"");
            }
            Ensemble ensemble = Ensemble.valueOf(in.readUTF());
            double dt = in.readDouble(), temperature = in.readDouble(), tau = in.readDouble();
            int chain = in.readInt();
            long seed = in.readLong();
            int every = in.readInt(), restartEvery = in.readInt();
            var limits = new StabilityMonitor.Limits(in.readDouble(), in.readDouble(), in.readDouble());
            MdSettings settings = new MdSettings(ensemble, dt, temperature, tau, chain, seed, every, restartEvery, limits);
            int n = in.readInt();
            if (n <= 0 || n > 10_000_000) throw new IllegalArgumentException("restart file " + path + " holds an impossible atom count " + n);
            int[] z = new int[n];
            for (int i = 0; i < n; i++) z[i] = in.readInt();
            Cell cell = in.readBoolean() ? new Cell(readArray(in, 3), readArray(in, 3), readArray(in, 3)) : null;
            MomentumConstraints constraints = MomentumConstraints.valueOf(in.readUTF());
            double[] reference = readArray(in, 3 * n);
            double referenceEnergy = in.readDouble();
            long step = in.readLong();
            double[] x = readArray(in, 3 * n), v = readArray(in, 3 * n), f = readArray(in, 3 * n);
            double energy = in.readDouble();

            MdSystem system = new MdSystem(new Structure(z, reference, cell), potential, constraints);
            System.arraycopy(x, 0, system.positions, 0, x.length);
            System.arraycopy(v, 0, system.velocities, 0, v.length);
            System.arraycopy(f, 0, system.forces, 0, f.length);
            system.potentialEnergy = energy;
            system.step = step;
            Integrator integrator = settings.newIntegrator(new Rng(seed));
            integrator.load(in);
            if (in.available() != 0) throw new IllegalArgumentException("restart file " + path + " has trailing data");
            return new MdSimulation(settings, system, integrator, reference, referenceEnergy);
        } catch (EOFException e) {
            throw new IllegalArgumentException("restart file " + path + " is truncated");
        }
    }

    private static void writeArray(DataOutputStream out, double[] a) throws IOException {
        for (double x : a) out.writeDouble(x);
    }

    private static double[] readArray(DataInputStream in, int n) throws IOException {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = in.readDouble();
        return a;
    }
}
