package org.qff.cli.ffi;

import org.qff.ffi.lammps.Lammps;
import org.qff.ffi.lammps.LammpsInputRunner;
import org.qff.ffi.lammps.LammpsLibrary;
import org.qff.ffi.lammps.QffFixExternal;
import org.qff.ffi.lammps.TypeSpecies;
import org.qff.qnn.potential.Potential;
import org.qff.qnn.potential.Potentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code qff lammps}: run a LAMMPS input with qff forces through {@code fix external}. */
@Command(name = "lammps", mixinStandardHelpOptions = true,
        description = {"Run a LAMMPS input script (Debian's liblammps) with a qff model supplying forces and energy.",
            "The script must define 'fix ID all external pf/callback 1 1' (qff registers the callback and issues "
                + "'fix_modify ID energy yes'), use 'units metal' and non-periodic boundaries."})
public final class LammpsCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE|NAME", description = "model file (JSON) or built-in potential, e.g. lj-argon")
    String model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "LAMMPS input script")
    Path input;

    @Option(names = "--types", paramLabel = "LIST", description = "elements of atom types 1, 2, ... (e.g. C,H,O); default: identified by mass")
    String types;

    @Option(names = "--log", paramLabel = "FILE", description = "LAMMPS log file (default: none)")
    Path log;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) throw new IllegalArgumentException("LAMMPS input " + input + " does not exist");
        TypeSpecies typeSpecies = types == null ? null : TypeSpecies.parse(types);
        Potential potential = Potentials.load(model);
        if (!LammpsLibrary.isAvailable()) {
            throw new IllegalArgumentException("the LAMMPS library cannot be loaded (apt-get install liblammps0, or set QFF_LAMMPS_LIB to liblammps.so)");
        }
        LammpsInputRunner runner = new LammpsInputRunner(potential, typeSpecies);
        try (Lammps lmp = new Lammps(log, true)) {
            runner.run(lmp, input);
        }
        for (QffFixExternal f : runner.fixes().values()) {
            System.err.println("qff lammps: fix " + f.fixId() + ": " + f.calls() + " force calls with " + potential.name() + " (types " + f.types() + ")");
        }
        return 0;
    }
}
