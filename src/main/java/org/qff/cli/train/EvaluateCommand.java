package org.qff.cli.train;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qff.qnn.data.Dataset;
import org.qff.qnn.data.Rmd17;
import org.qff.qnn.data.Splits;
import org.qff.qnn.potential.Potential;
import org.qff.qnn.potential.Potentials;
import org.qff.workflow.Evaluation;
import org.qff.workflow.EvaluationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `qff evaluate`: score a model on an rMD17 test split. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score a model on an rMD17 test split: energy and force MAE/RMSE.",
                "Uses rmd17_<molecule>_test_<split>.npz,",
                "printed as a Markdown table beside published results; optional JSON and parity plots."})
public final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "model file (JSON) or built-in potential name")
    String model;

    @Option(names = "--molecule", required = true, description = "rMD17 molecule")
    String molecule;

    @Option(names = "--split", defaultValue = "1", description = "rMD17 split 1..5 (default: ${DEFAULT-VALUE})")
    int split;

    @Option(names = "--data", description = "directory holding rmd17/ (default: $QFF_DATA or ./data)")
    Path data;

    @Option(names = "--n-test", description = "evaluate on this many frames (seeded sample) instead of all 1000")
    Integer nTest;

    @Option(names = "--json", description = "write the figures to this JSON file")
    Path json;

    @Option(names = "--plots", description = "write parity plots (energy_parity.png, force_parity.png) into this directory")
    Path plots;

    @Override
    public Integer call() throws Exception {
        Potential p = Potentials.load(model);
        Dataset test = Rmd17.load(data != null ? data : Rmd17.defaultDataRoot(), molecule, Rmd17.Part.TEST, split);
        if (nTest != null) test = Splits.sample(test, nTest, 0);
        EvaluationResult r = Evaluation.run(p, test, molecule, split, 0, model, plots);
        System.out.print(r.markdownTable());
        if (json != null) {
            r.writeJson(json);
            System.out.println("figures written to " + json);
        }
        if (plots != null) System.out.println("parity plots written to " + plots);
        return 0;
    }
}
