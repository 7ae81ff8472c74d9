package org.qff.cli.ffi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qff.cli.Main;
import org.qff.ffi.lammps.LammpsLibrary;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.LennardJones;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The commands as users run them: {@code qff serve ipi} driving ASE's SocketIOCalculator MD, and
 * {@code qff lammps} running an NVE input. Skipped (with a message) where Debian's python3-ase or
 * liblammps0 is absent; CI installs both.
 */
@Timeout(120)
class FfiCommandsEndToEndTest {
    @TempDir
    Path tmp;

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        return Files.isDirectory(p.resolve("ffi")) ? p : p.getParent();
    }

    private static boolean pythonWithAse() throws Exception {
        if (!Files.isExecutable(PYTHON)) return false;
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import ase, numpy").redirectErrorStream(true).start();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private record Run(int code, String err) {}

    private static Run run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return new Run(Main.run(args), buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void serveIpiDrivesAseMolecularDynamics() throws Exception {
        assumeTrue(pythonWithAse(), "skipped: /usr/bin/python3 with ASE is absent (apt-get install python3-ase)");
        String name = "qffcli" + ProcessHandle.current().pid();
        Path out = tmp.resolve("ase.json");
        Process ase = new ProcessBuilder(PYTHON.toString(), repo().resolve("ffi/src/test/python/ase_ipi_server.py").toString(),
                "--unix", name, "--steps", "4", "--timeout", "60")
                .redirectOutput(out.toFile()).redirectError(tmp.resolve("ase.err").toFile()).start();
        try {
            Run r = run("serve", "ipi", "--model", "lj-argon", "--unix", name, "--species", "Ar", "--timeout", "60");
            assertTrue(ase.waitFor(60, TimeUnit.SECONDS), "ASE did not finish");
            assertEquals(0, ase.exitValue(), Files.readString(tmp.resolve("ase.err")));
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().contains("served 5 steps; server closed the connection"), r.err());
        } finally {
            ase.destroyForcibly();
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(out.toFile());
        int[] z = json.convertValue(root.get("numbers"), int[].class);
        for (JsonNode f : root.get("frames")) {
            double[] pos = json.convertValue(f.get("positions"), double[].class);
            double e = LennardJones.argon().energy(new Structure(z, pos));
            // ASE's CODATA 2014 vs qff's 2018 Bohr/Hartree: 1e-6 relative (see AseSocketIoTest)
            assertEquals(e, f.get("energy").asDouble(), 1e-6 * Math.abs(e));
        }
    }

    @Test
    void lammpsRunsAnInputWithQffForces() throws Exception {
        assumeTrue(LammpsLibrary.isAvailable(), "skipped: LAMMPS library absent (apt-get install liblammps0)");
        Path in = Files.writeString(tmp.resolve("in.lammps"), """
                units metal
                atom_style atomic
                boundary f f f
                region box block -20 20 -20 20 -20 20
                create_box 1 box
                create_atoms 1 single 0 0 0 units box
                create_atoms 1 single 3.8 0 0 units box
                create_atoms 1 single 1.9 3.3 0 units box
                create_atoms 1 single 1.9 1.1 3.1 units box
                mass 1 39.948
                pair_style zero 10.0
                pair_coeff * *
                fix qff all external pf/callback 1 1
                velocity all create 20.0 12345
                fix nve all nve
                timestep 0.002
                thermo_style custom step pe ke etotal
                run 20
                """);
        Path log = tmp.resolve("log.lammps");
        Run r = run("lammps", "--model", "lj-argon", "--input", in.toString(), "--log", log.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("fix qff: 21 force calls with lennard-jones (types 1=Ar)"), r.err());
        assertTrue(Files.readString(log).contains("Loop time"), "LAMMPS log written");
    }
}
