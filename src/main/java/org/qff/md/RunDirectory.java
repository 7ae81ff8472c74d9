package org.qff.md;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.qff.qnn.io.AtomicFiles;
import org.qff.qnn.io.ExtXyz;

/**
 * A run's output directory: {@code trajectory.xyz} (extended XYZ with energy, forces and
 * velocities, {@code step=} and {@code time_fs=} per frame), {@code thermo.csv}, {@code restart.bin}
 * (atomic), and on a stop {@code last_good.xyz} (atomic). Numbers are written with
 * {@link Double#toString} so they read back exactly.
 *
 * <p>Continuing a run from its restart file keeps the frames and rows up to the restart's step and
 * drops any written after it, so the files end up as an uninterrupted run would have left them.
 */
public final class RunDirectory implements MdOutput {
    public static final String TRAJECTORY = "trajectory.xyz";
    public static final String THERMO = "thermo.csv";
    public static final String RESTART = "restart.bin";
    public static final String LAST_GOOD = "last_good.xyz";
    public static final String THERMO_HEADER = "time_fs,potential_eV,kinetic_eV,conserved_eV,temperature_K";

    private final Path dir;
    private final BufferedWriter trajectory;
    private final BufferedWriter thermo;
    private long lastFrameStep;

    private RunDirectory(Path dir, long lastFrameStep) throws IOException {
        this.dir = dir;
        this.lastFrameStep = lastFrameStep;
        this.trajectory = append(dir.resolve(TRAJECTORY));
        this.thermo = append(dir.resolve(THERMO));
    }

    /** A fresh run: creates the directory, replaces any earlier trajectory and thermo log. */
    public static RunDirectory create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(LAST_GOOD));
        Files.writeString(dir.resolve(TRAJECTORY), "");
        Files.writeString(dir.resolve(THERMO), THERMO_HEADER + "\n");
        return new RunDirectory(dir, -1);
    }

    /**
     * Continues into {@code dir} from {@code step}: keeps existing frames/rows up to that step,
     * drops later ones; starts new files when there are none.
     */
    public static RunDirectory resume(Path dir, long step, double timestepFs) throws IOException {
        Files.createDirectories(dir);
        Path traj = dir.resolve(TRAJECTORY);
        Path csv = dir.resolve(THERMO);
        long last = -1;
        if (Files.exists(traj)) {
            last = truncateTrajectoryAfter(traj, step);
        } else {
            Files.writeString(traj, "");
        }
        if (Files.exists(csv) && Files.size(csv) > 0) {
            truncateThermoAfter(csv, step * timestepFs);
        } else {
            Files.writeString(csv, THERMO_HEADER + "\n");
        }
        return new RunDirectory(dir, last);
    }

    public Path dir() { return dir; }

    private static BufferedWriter append(Path p) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(
                Files.newOutputStream(p, StandardOpenOption.WRITE, StandardOpenOption.APPEND), StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public boolean hasFrameAt(long step) {
        return lastFrameStep >= step;
    }

    @Override
    public void frame(MdSimulation sim) throws IOException {
        MdSystem s = sim.system();
        Map<String, String> info = new LinkedHashMap<>();
        info.put("step", Long.toString(s.step));
        info.put("time_fs", Double.toString(sim.timeFs()));
        ExtXyz.write(trajectory, new ExtXyz.Frame(s.structure(), s.potentialEnergy, s.forces, s.velocities, info));
        double ke = s.kineticEnergy();
        thermo.write(sim.timeFs() + "," + s.potentialEnergy + "," + ke + "," + sim.conservedEnergy() + "," + s.temperature() + "\n");
        lastFrameStep = s.step;
    }

    @Override
    public void restart(MdSimulation sim) throws IOException {
        // the logs must reach at least the restart's step, or a continued run would leave a gap
        flush();
        RestartFile.write(dir.resolve(RESTART), sim);
    }

    @Override
    public void stopped(MdSimulation sim, Instability why) throws IOException {
        flush();
        MdSimulation.LastGood g = sim.lastGood();
        Map<String, String> info = new LinkedHashMap<>();
        info.put("step", Long.toString(g.step()));
        info.put("time_fs", Double.toString(g.timeFs()));
        info.put("stopped_by", why.message().replace('"', '\''));
        ExtXyz.writeAll(dir.resolve(LAST_GOOD), java.util.List.of(new ExtXyz.Frame(g.structure(), g.potentialEnergy(), g.forces(), g.velocities(), info)));
    }

    @Override
    public void flush() throws IOException {
        trajectory.flush();
        thermo.flush();
    }

    /** Closes the logs. */
    public void close() throws IOException {
        try {
            trajectory.close();
        } finally {
            thermo.close();
        }
    }

    /** Cuts the trajectory before the first frame whose step exceeds {@code step}; returns the last kept frame's step. */
    private static long truncateTrajectoryAfter(Path traj, long step) throws IOException {
        long offset = 0;
        long keep = -1;
        long lastKept = -1;
        try (BufferedReader r = Files.newBufferedReader(traj, StandardCharsets.UTF_8)) {
            String countLine;
            while ((countLine = r.readLine()) != null) {
                if (countLine.isBlank()) {
                    offset += countLine.length() + 1;
                    continue;
                }
                long frameStart = offset;
                offset += countLine.length() + 1;
                int n = Integer.parseInt(countLine.trim());
                String comment = r.readLine();
                if (comment == null) break;
                offset += comment.length() + 1;
                boolean complete = true;
                for (int i = 0; i < n; i++) {
                    String l = r.readLine();
                    if (l == null) {
                        complete = false;
                        break;
                    }
                    offset += l.length() + 1;
                }
                String s = ExtXyz.keyValuesOf(comment).get("step");
                long frameStep = s == null ? -1 : Long.parseLong(s);
                if (!complete || frameStep > step) {
                    keep = frameStart;
                    break;
                }
                lastKept = frameStep;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(traj + " is not a qff trajectory (" + e.getMessage() + "); use a new --out directory");
        }
        if (keep >= 0) truncate(traj, keep);
        return lastKept;
    }

    private static void truncateThermoAfter(Path csv, double timeFs) throws IOException {
        long offset = 0;
        long keep = -1;
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (!THERMO_HEADER.equals(header)) throw new IllegalArgumentException(csv + " does not start with the header " + THERMO_HEADER);
            offset += header.length() + 1;
            String line;
            while ((line = r.readLine()) != null) {
                int comma = line.indexOf(',');
                double t;
                try {
                    t = Double.parseDouble(comma < 0 ? line : line.substring(0, comma));
                } catch (NumberFormatException e) {
                    t = Double.POSITIVE_INFINITY; // a torn last line
                }
                if (t > timeFs || line.split(",", -1).length != 5) {
                    keep = offset;
                    break;
                }
                offset += line.length() + 1;
            }
        }
        if (keep >= 0) truncate(csv, keep);
    }

    private static void truncate(Path p, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    /** Writes a text file atomically in this directory (summaries, reports). */
    public void writeText(String name, String text) throws IOException {
        AtomicFiles.writeString(dir.resolve(name), text);
    }
}
