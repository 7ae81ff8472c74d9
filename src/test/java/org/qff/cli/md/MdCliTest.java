package org.qff.cli.md;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.cli.Main;
import org.qff.md.TestSystems;
import org.qff.qnn.io.ExtXyz;
import org.qff.qnn.potential.Potentials;

class MdCliTest {
    @TempDir
    static Path tmp;
    static Path argon;
    static Path water;

    @BeforeAll
    static void files() throws Exception {
        argon = tmp.resolve("ar13.xyz");
        ExtXyz.writeAll(argon, List.of(ExtXyz.Frame.of(TestSystems.argon13())));
        water = tmp.resolve("water.xyz");
        ExtXyz.writeAll(water, List.of(ExtXyz.Frame.of(TestSystems.water())));
        // a bonded molecule's potential for the CLI, covering H and O only
        Potentials.registerBuiltin("test-water-bonds", () -> TestSystems.HarmonicBonds.allPairsOf(TestSystems.water(), 40));
    }

    /** Runs the CLI, returning the exit code and what it printed to stderr. */
    private static Object[] run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            int code = Main.run(args);
            return new Object[] {code, err.toString()};
        } finally {
            System.setErr(old);
        }
    }

    @Test
    void mdWritesTrajectoryThermoAndRestart() throws Exception {
        Path out = tmp.resolve("nve");
        Object[] r = run("md", "--model", "lj-argon", "--structure", argon.toString(), "--ensemble", "nve", "--temperature", "20",
                "--timestep", "5", "--steps", "100", "--out", out.toString(), "--every", "20");
        assertEquals(0, r[0], (String) r[1]);
        List<String> thermo = Files.readAllLines(out.resolve("thermo.csv"));
        assertEquals("time_fs,potential_eV,kinetic_eV,conserved_eV,temperature_K", thermo.get(0));
        assertEquals(7, thermo.size(), "rows at steps 0, 20, ..., 100");
        assertEquals(0.0, Double.parseDouble(thermo.get(1).split(",")[0]));
        assertEquals(20.0, Double.parseDouble(thermo.get(1).split(",")[4]), 1e-9);
        List<ExtXyz.Frame> frames = ExtXyz.readAll(out.resolve("trajectory.xyz"));
        assertEquals(6, frames.size());
        assertEquals("100", frames.getLast().info().get("step"));
        assertTrue(frames.getLast().forces() != null && frames.getLast().energy() != null);
        assertTrue(Files.exists(out.resolve("restart.bin")));
    }

    @Test
    void restartContinuesBitIdentically() throws Exception {
        Path a = tmp.resolve("full"), b = tmp.resolve("split");
        String[] common = {"--model", "lj-argon", "--structure", argon.toString(), "--ensemble", "langevin", "--temperature", "30",
                "--timestep", "5", "--every", "10", "--seed", "5"};
        assertEquals(0, run(concat(common, "md", "--steps", "120", "--out", a.toString()))[0]);
        assertEquals(0, run(concat(common, "md", "--steps", "70", "--out", b.toString()))[0]);
        Object[] r = run("md", "--model", "lj-argon", "--restart", b.resolve("restart.bin").toString(), "--steps", "120", "--out", b.toString());
        assertEquals(0, r[0], (String) r[1]);
        for (String f : new String[] {"trajectory.xyz", "thermo.csv", "restart.bin"}) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        Object[] clash = run("md", "--model", "lj-argon", "--restart", b.resolve("restart.bin").toString(), "--steps", "150", "--out",
                b.toString(), "--timestep", "2");
        assertEquals(2, clash[0]);
        assertTrue(((String) clash[1]).contains("--timestep 2.0 differs"), (String) clash[1]);
    }

    private static String[] concat(String[] common, String... head) {
        String[] all = new String[head.length + common.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(common, 0, all, head.length, common.length);
        return all;
    }

    @Test
    void unstableRunExitsThreeWithTheLastGoodFrame() throws Exception {
        Path out = tmp.resolve("unstable");
        Object[] r = run("md", "--model", "test-water-bonds", "--structure", water.toString(), "--ensemble", "nve", "--temperature", "300",
                "--timestep", "10", "--steps", "2000", "--out", out.toString());
        assertEquals(3, r[0]);
        assertTrue(((String) r[1]).contains("unstable at step"), (String) r[1]);
        assertTrue(Files.exists(out.resolve("last_good.xyz")));
    }

    @Test
    void badInputIsAClearErrorAndWritesNothing() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty.xyz"), "");
        Path malformed = Files.writeString(tmp.resolve("bad.xyz"), "3\ncomment\nAr 0 0 0\nAr 1 x 0\n");
        Path unknown = Files.writeString(tmp.resolve("unknown.xyz"), "2\n\nAr 0 0 0\nQq 4 0 0\n");
        Path carbon = Files.writeString(tmp.resolve("co.xyz"), "2\n\nC 0 0 0\nO 1.2 0 0\n");
        Path brokenModel = Files.writeString(tmp.resolve("broken.json"), "{\"type\": \"lennard-jones\", \"epsilon_eV\": ");
        String[][] cases = {
            {"empty", "--structure", empty.toString()},
            {"line 4", "--structure", malformed.toString()},
            {"unknown element \"Qq\"", "--structure", unknown.toString()},
            {"does not exist", "--structure", tmp.resolve("missing.xyz").toString()},
            {"--timestep must be a positive", "--timestep", "0"},
            {"--timestep must be a positive", "--timestep", "-1"},
            {"--temperature must be a positive", "--temperature", "0"},
            {"--temperature must be a positive", "--temperature", "-5"},
            {"unknown ensemble \"npt\"", "--ensemble", "npt"},
            {"does not cover atom 0", "--structure", carbon.toString(), "--model", "test-water-bonds"},
            {"neither a built-in", "--model", "no-such-model"},
            {"not valid JSON", "--model", brokenModel.toString()},
            {"--every must be >= 1", "--every", "0"},
        };
        int k = 0;
        for (String[] c : cases) {
            Path out = tmp.resolve("bad-" + k++);
            List<String> args = new java.util.ArrayList<>(List.of("md", "--model", "lj-argon", "--structure", argon.toString(), "--ensemble", "nvt",
                    "--temperature", "300", "--timestep", "1", "--steps", "10", "--out", out.toString()));
            for (int i = 1; i < c.length; i += 2) {
                int at = args.indexOf(c[i]);
                if (at < 0) {
                    args.add(c[i]);
                    args.add(c[i + 1]);
                } else {
                    args.set(at + 1, c[i + 1]);
                }
            }
            Object[] r = run(args.toArray(String[]::new));
            assertEquals(2, r[0], c[0] + ": " + r[1]);
            assertTrue(((String) r[1]).contains(c[0]), "expected \"" + c[0] + "\" in: " + r[1]);
            assertFalse(Files.exists(out), "nothing may be written for bad input: " + c[0]);
        }
    }

    @Test
    void optimizeConvergesAndWritesJson() throws Exception {
        Path json = tmp.resolve("opt.json");
        // argon forces are ~0.01 eV/Å, below the molecular default criterion: ask for 1e-5 eV/Å
        Object[] r = run("optimize", "--model", "lj-argon", "--structure", argon.toString(), "--method", "lbfgs", "--fmax", "1e-5", "--json",
                json.toString());
        assertEquals(0, r[0], (String) r[1]);
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertTrue(j.get("converged").asBoolean());
        assertTrue(j.get("fmax_eV_per_A").asDouble() <= 1e-5);
        assertTrue(j.get("steps").asInt() > 0);
        // LJ13 icosahedron: −44.326801 ε (ε = 0.0104 eV); energy error ~ F²/k ≪ 1e-8 eV at this criterion
        assertEquals(-44.326801 * 0.0104, j.get("energy_eV").asDouble(), 1e-8);
        Path json2 = tmp.resolve("opt-fire.json");
        assertEquals(0, run("optimize", "--model", "lj-argon", "--structure", argon.toString(), "--method", "fire", "--fmax", "0.001", "--json",
                json2.toString())[0]);
        assertEquals(2, run("optimize", "--model", "lj-argon", "--structure", argon.toString(), "--fmax", "-1")[0]);
        assertEquals(2, run("optimize", "--model", "lj-argon", "--structure", argon.toString(), "--method", "newton")[0]);
        assertEquals(3, run("optimize", "--model", "lj-argon", "--structure", argon.toString(), "--fmax", "1e-12", "--max-steps", "3")[0]);
    }

    @Test
    void campaignReportsSurvivalAndWritesPlot() throws Exception {
        Path out = tmp.resolve("campaign");
        Object[] r = run("md-campaign", "--model", "test-water-bonds", "--structure", water.toString(), "--temperatures", "300,1000",
                "--trajectories", "2", "--timestep", "0.25", "--steps", "2000", "--out", out.toString(), "--threads", "2");
        assertEquals(0, r[0], (String) r[1]);
        JsonNode j = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(2, j.get("temperatures").size());
        for (JsonNode t : j.get("temperatures")) {
            assertEquals(1.0, t.get("surviving_fraction").asDouble());
            assertTrue(t.get("mean_time_to_failure_fs").isNull());
        }
        assertTrue(Files.size(out.resolve("campaign.png")) > 1000);
        assertTrue(Files.readString(out.resolve("summary.md")).contains("| 300.0 | 2/2 |"));

        Path bad = tmp.resolve("campaign-bad");
        assertEquals(0, run("md-campaign", "--model", "test-water-bonds", "--structure", water.toString(), "--temperatures", "500",
                "--trajectories", "2", "--timestep", "10", "--steps", "500", "--out", bad.toString())[0]);
        JsonNode jb = new ObjectMapper().readTree(bad.resolve("summary.json").toFile()).get("temperatures").get(0);
        assertEquals(0.0, jb.get("surviving_fraction").asDouble());
        assertTrue(jb.get("mean_time_to_failure_fs").asDouble() > 0);
        assertEquals(2, jb.get("failures").size());
        assertTrue(Files.exists(bad.resolve("T500_run0_last_good.xyz")));
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"md", "optimize", "md-campaign"}) assertEquals(0, run(c, "--help")[0], c);
    }

    @Test
    void modelFilesWorkLikeBuiltins() throws Exception {
        Path model = Files.writeString(tmp.resolve("argon.json"), "{\"type\": \"lennard-jones\", \"epsilon_eV\": 0.0104, \"sigma_A\": 3.4}");
        Path viaFile = tmp.resolve("via-file"), viaName = tmp.resolve("via-name");
        String[] rest = {"--structure", argon.toString(), "--ensemble", "nvt", "--temperature", "25", "--timestep", "5", "--steps", "40"};
        assertEquals(0, run(concat(rest, "md", "--model", model.toString(), "--out", viaFile.toString()))[0]);
        assertEquals(0, run(concat(rest, "md", "--model", "lj-argon", "--out", viaName.toString()))[0]);
        assertArrayEquals(Files.readAllBytes(viaName.resolve("thermo.csv")), Files.readAllBytes(viaFile.resolve("thermo.csv")));
    }
}
