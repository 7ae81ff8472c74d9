package org.qff.cli.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.qff.qnn.data.Dataset;
import org.qff.qnn.data.Rmd17;
import org.qff.qnn.potential.BondedModelFile;
import org.qff.qnn.potential.BondedTopology;
import org.qff.qnn.potential.TopologyBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qff data bonded-model}: writes a classical-bonded model file (Morse bonds, angles,
 * repulsion) whose minimum is one rMD17 frame, so that MD and the bridges can run any rMD17
 * molecule on a classical reference potential, in rMD17's atom order.
 */
@Command(name = "bonded-model", mixinStandardHelpOptions = true, usageHelpWidth = 120,
        description = {"Write a classical-bonded model file built around one rMD17 frame (bonds detected from covalent radii).",
            "Use it as --model FILE wherever qff takes a potential. It is a reference potential for tests, not a fit to the data."})
public final class BondedModelCommand implements Callable<Integer> {
    @Option(names = "--molecule", required = true, paramLabel = "M", description = "rMD17 molecule, e.g. aspirin.")
    String molecule;

    @Option(names = "--split", defaultValue = "1", paramLabel = "N", description = "Split file 1..5 (default ${DEFAULT-VALUE}).")
    int split;

    @Option(names = "--frame", defaultValue = "0", paramLabel = "K", description = "Frame of the train file used as the minimum (default ${DEFAULT-VALUE}).")
    int frame;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory holding rmd17/ (default: $QFF_DATA, else ./data).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Model file to write (JSON).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Dataset d = Rmd17.load(data != null ? data : Rmd17.defaultDataRoot(), molecule, Rmd17.Part.TRAIN, split);
        if (frame < 0 || frame >= d.size()) throw new IllegalArgumentException("--frame " + frame + " is outside 0.." + (d.size() - 1) + " of " + d.name());
        BondedTopology t = TopologyBuilder.fromReference(d.structure(frame));
        BondedModelFile.write(t, out);
        System.out.println("wrote " + out + ": " + molecule + " (" + d.atomCount() + " atoms), " + t.bonds().size() + " bonds, " + t.angles().size()
                + " angles, " + t.repulsions().size() + " repulsive pairs, minimum at frame " + frame + " of " + d.name());
        return 0;
    }
}
