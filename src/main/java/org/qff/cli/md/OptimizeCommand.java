package org.qff.cli.md;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.qff.cli.Progress;
import org.qff.optimize.OptimizationResult;
import org.qff.optimize.Optimizer;
import org.qff.qnn.atoms.Elements;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.io.AtomicFiles;
import org.qff.qnn.io.ExtXyz;
import org.qff.qnn.potential.Potential;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qff optimize}: relax a structure until the largest force component is below fmax. Exit 3 when it does not converge. */
@Command(name = "optimize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Geometry optimisation (FIRE or L-BFGS) until the largest Cartesian force component <= --fmax.",
            "Prints every step's energy and the final forces; --json writes converged, steps, energy_eV, fmax_eV_per_A;",
            "exit code 3 when the step limit is reached first."})
public final class OptimizeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "built-in potential name or model file (JSON)")
    String model;

    @Option(names = "--structure", required = true, description = "starting structure (extended XYZ; first frame)")
    Path structure;

    @Option(names = "--fmax", description = "eV/A (default ${DEFAULT-VALUE} = 1 kcal/mol/A)", defaultValue = "0.0434")
    double fmax;

    @Option(names = "--method", description = "fire or lbfgs (default ${DEFAULT-VALUE})", defaultValue = "lbfgs")
    String method;

    @Option(names = "--max-steps", description = "force evaluations allowed (default ${DEFAULT-VALUE})", defaultValue = "1000")
    int maxSteps;

    @Option(names = "--json", description = "write the result as JSON")
    Path json;

    @Option(names = "--output", description = "write the optimised structure (extended XYZ, with energy and forces)")
    Path output;

    @Override
    public Integer call() throws Exception {
        Inputs.positive("--fmax", fmax, "eV/A");
        if (maxSteps < 1) throw new IllegalArgumentException("--max-steps must be >= 1, got " + maxSteps);
        Optimizer optimizer = Optimizer.named(method);
        Structure start = Inputs.structure(structure);
        Potential potential = Inputs.model(model, start);
        OptimizationResult r;
        try (Progress progress = Progress.start("optimize", maxSteps)) {
            r = optimizer.minimize(start, potential, fmax, maxSteps, (step, e, f) -> {
                progress.stepTo(step, String.format("E=%.6f eV fmax=%.4g eV/A", e, f));
            });
        }
        double[] e = r.energies();
        System.out.printf("qff optimize: %s, %s, %d atoms%n", optimizer.name(), potential.name(), start.size());
        System.out.println("step,energy_eV");
        for (int k = 0; k < e.length; k++) System.out.println(k + "," + e[k]);
        System.out.println("final forces (eV/A):");
        Structure s = r.structure();
        double[] f = r.forces();
        for (int i = 0; i < s.size(); i++) {
            System.out.printf("  %3d %-2s %12.6f %12.6f %12.6f%n", i, Elements.symbol(s.atomicNumber(i)), f[3 * i], f[3 * i + 1], f[3 * i + 2]);
        }
        System.out.printf("qff optimize: %s after %d steps: E = %.8f eV (start %.8f eV), largest force component %.4g eV/A (criterion %.4g)%n",
                r.converged() ? "converged" : "NOT converged", r.steps(), r.energy(), e[0], r.fmax(), fmax);
        if (json != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("converged", r.converged());
            m.put("steps", r.steps());
            m.put("energy_eV", r.energy());
            m.put("fmax_eV_per_A", r.fmax());
            m.put("criterion_eV_per_A", fmax);
            m.put("method", optimizer.name());
            m.put("model", potential.name());
            m.put("initial_energy_eV", e[0]);
            m.put("energies_eV", e);
            m.put("forces_eV_per_A", f);
            AtomicFiles.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n");
        }
        if (output != null) {
            ExtXyz.writeAll(output, List.of(new ExtXyz.Frame(s, r.energy(), f, null, Map.of("converged", r.converged() ? "T" : "F"))));
        }
        return r.converged() ? 0 : MdCommand.EXIT_UNSTABLE;
    }
}
