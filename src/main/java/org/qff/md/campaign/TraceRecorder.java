package org.qff.md.campaign;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.qff.md.Instability;
import org.qff.md.MdOutput;
import org.qff.md.MdSimulation;
import org.qff.qnn.io.ExtXyz;

/**
 * Keeps a campaign trajectory's temperature and energy traces in memory (one point per frame) and,
 * when the run is stopped, writes its last good frame to {@code lastGoodFile}.
 */
final class TraceRecorder implements MdOutput {
    private final Path lastGoodFile;
    private double[] time = new double[64];
    private double[] temperature = new double[64];
    private double[] potential = new double[64];
    private double[] conserved = new double[64];
    private int size;
    private long lastStep = -1;

    TraceRecorder(Path lastGoodFile) {
        this.lastGoodFile = lastGoodFile;
    }

    @Override
    public boolean hasFrameAt(long step) {
        return lastStep >= step;
    }

    @Override
    public void frame(MdSimulation sim) {
        if (size == time.length) {
            int n = 2 * size;
            time = java.util.Arrays.copyOf(time, n);
            temperature = java.util.Arrays.copyOf(temperature, n);
            potential = java.util.Arrays.copyOf(potential, n);
            conserved = java.util.Arrays.copyOf(conserved, n);
        }
        time[size] = sim.timeFs();
        temperature[size] = sim.system().temperature();
        potential[size] = sim.system().potentialEnergy;
        conserved[size] = sim.conservedEnergy();
        size++;
        lastStep = sim.system().step;
    }

    @Override
    public void restart(MdSimulation sim) { }

    @Override
    public void stopped(MdSimulation sim, Instability why) throws IOException {
        MdSimulation.LastGood g = sim.lastGood();
        ExtXyz.writeAll(lastGoodFile, List.of(new ExtXyz.Frame(g.structure(), g.potentialEnergy(), g.forces(), g.velocities(),
                Map.of("step", Long.toString(g.step()), "stopped_by", why.message().replace('"', '\'')))));
    }

    @Override
    public void flush() { }

    Trace trace() {
        return new Trace(java.util.Arrays.copyOf(time, size), java.util.Arrays.copyOf(temperature, size),
                java.util.Arrays.copyOf(potential, size), java.util.Arrays.copyOf(conserved, size));
    }

    /** Per-frame time (fs), temperature (K), potential and conserved energy (eV). */
    record Trace(double[] timeFs, double[] temperatureK, double[] potentialEv, double[] conservedEv) {}
}
