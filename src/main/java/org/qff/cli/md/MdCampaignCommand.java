package org.qff.cli.md;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qff.cli.Progress;
import org.qff.md.StabilityMonitor;
import org.qff.md.campaign.Campaign;
import org.qff.md.campaign.CampaignPlot;
import org.qff.md.campaign.CampaignReport;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.Potential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qff md-campaign}: many NVT runs per temperature, in parallel; how many survive and for how long. */
@Command(name = "md-campaign", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stability campaign: M independent Nose-Hoover NVT trajectories per temperature, run in parallel.",
            "Writes DIR/summary.json, DIR/summary.md (surviving fraction, time to failure) and DIR/campaign.png",
            "(temperature and potential-energy traces); failed runs leave DIR/T<K>_run<i>_last_good.xyz."})
public final class MdCampaignCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "built-in potential name or model file (JSON)")
    String model;

    @Option(names = "--structure", required = true, description = "starting structure (extended XYZ; first frame)")
    Path structure;

    @Option(names = "--temperatures", split = ",", description = "K, comma-separated (default ${DEFAULT-VALUE})", defaultValue = "300,500,1000")
    double[] temperatures;

    @Option(names = "--trajectories", description = "independent runs per temperature (default ${DEFAULT-VALUE})", defaultValue = "4")
    int trajectories;

    @Option(names = "--timestep", description = "fs (default ${DEFAULT-VALUE})", defaultValue = "0.5")
    double timestep;

    @Option(names = "--steps", required = true, description = "steps per trajectory")
    long steps;

    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    @Option(names = "--seed", description = "seed of run 0; run i uses seed+i (default ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;

    @Option(names = "--every", description = "trace point every N steps (default ${DEFAULT-VALUE})", defaultValue = "20")
    int every;

    @Option(names = "--tau", description = "thermostat time constant, fs (default ${DEFAULT-VALUE})", defaultValue = "100")
    double tau;

    @Option(names = "--chain", description = "Nose-Hoover chain length (default ${DEFAULT-VALUE})", defaultValue = "3")
    int chain;

    @Option(names = "--threads", description = "parallel runs (default: number of processors)")
    Integer threads;

    @Option(names = "--bond-stretch", defaultValue = "2.0", description = "stop factor for bond length (default ${DEFAULT-VALUE})")
    double bondStretch;

    @Option(names = "--min-distance", defaultValue = "0.5", description = "stop distance, A (default ${DEFAULT-VALUE})")
    double minDistance;

    @Option(names = "--max-drift", defaultValue = "0.05", description = "stop drift of the conserved energy, eV/atom (default ${DEFAULT-VALUE})")
    double maxDrift;

    @Override
    public Integer call() throws Exception {
        Inputs.positive("--timestep", timestep, "fs");
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (nThreads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + nThreads);
        var plan = new Campaign.Plan(temperatures, trajectories, timestep, steps, seed, every, tau, chain,
                new StabilityMonitor.Limits(bondStretch, minDistance, maxDrift));
        Structure s = Inputs.structure(structure);
        Potential p = Inputs.model(model, s);
        long total = steps * trajectories * (long) temperatures.length;
        long t0 = System.nanoTime();
        List<Campaign.Run> runs;
        try (Progress progress = Progress.start("md-campaign", total)) {
            runs = Campaign.run(s, p, plan, out, nThreads, done -> progress.stepTo(done,
                    String.format("%.3g ns/day total", done * timestep * 1e-6 / Math.max(1e-9, (System.nanoTime() - t0) * 1e-9) * 86400)));
        }
        var rows = CampaignReport.byTemperature(runs, temperatures, timestep, steps);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("model", p.name());
        header.put("structure", structure.toString());
        header.put("atoms", s.size());
        header.put("ensemble", "nvt (Nose-Hoover chain " + chain + ", tau " + tau + " fs)");
        header.put("timestep_fs", timestep);
        header.put("steps", steps);
        header.put("trajectories_per_temperature", trajectories);
        header.put("seed", seed);
        header.put("wall_seconds", (System.nanoTime() - t0) * 1e-9);
        CampaignReport.write(out, header, rows);
        CampaignPlot.write(out.resolve("campaign.png"), runs, temperatures);
        for (var r : rows) {
            System.out.printf("qff md-campaign: %6s K: %s/%s survived (%.0f%%), mean time to failure %s%n", r.get("temperature_K"), r.get("survived"),
                    r.get("trajectories"), 100 * (double) r.get("surviving_fraction"),
                    r.get("mean_time_to_failure_fs") == null ? "-" : Inputs.simulatedTime((Double) r.get("mean_time_to_failure_fs")));
        }
        System.out.println("qff md-campaign: wrote " + out.resolve("summary.json") + ", " + out.resolve("summary.md") + ", " + out.resolve("campaign.png"));
        return 0;
    }
}
