package org.qff.ffi.capi;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.qff.ffi.ArgonCluster;
import org.qff.ffi.NativeTools;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.LennardJones;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A C program (src/test/c/qff_check.c, compiled here with gcc) links libqff.so, which starts its
 * own JVM: results must equal a direct Java call bit for bit (same code, same doubles), from 8
 * threads at once too, and bad calls must return codes and messages without ending the host.
 */
@Timeout(120)
class CApiTest {
    @TempDir
    static Path tmp;
    static Path exe;
    static Path xyz;
    static Structure cluster = ArgonCluster.structure();

    @BeforeAll
    static void compile() throws Exception {
        NativeTools.assumeGcc();
        Path lib = LibQff.library();
        exe = tmp.resolve("qff_check");
        NativeTools.Outcome cc = NativeTools.run(List.of("gcc", "-O1", "-Wall", "-Werror", "-o", exe.toString(),
                NativeTools.moduleDir().resolve("src/test/c/qff_check.c").toString(), "-I" + lib.getParent(), "-L" + lib.getParent(),
                "-lqff", "-lpthread", "-Wl,-rpath," + lib.getParent()), 60, null);
        assertEquals(0, cc.exitCode(), "gcc failed:\n" + cc.stderr());
        xyz = ArgonCluster.writeXyz(cluster, tmp.resolve("argon.xyz"));
    }

    private static NativeTools.Outcome check(String mode) throws Exception {
        return NativeTools.run(List.of(exe.toString(), "lj-argon", xyz.toString(), mode), 90, null);
    }

    @Test
    void energyAndForcesEqualDirectJavaCall() throws Exception {
        NativeTools.Outcome out = check("compute");
        assertEquals(0, out.exitCode(), out.stderr());
        String[] lines = out.stdout().trim().split("\n");
        assertEquals(1 + 3 * cluster.size(), lines.length);
        double[] f = new double[3 * cluster.size()];
        double e = LennardJones.argon().compute(cluster, f, null);
        // %.17g round-trips a double exactly, and both sides run the same Java code on the same inputs.
        assertEquals(e, Double.parseDouble(lines[0]), 0.0);
        for (int k = 0; k < f.length; k++) assertEquals(f[k], Double.parseDouble(lines[1 + k]), 0.0, "force " + k);
    }

    @Test
    void concurrentCallsFromCThreadsAgreeWithSerialOnes() throws Exception {
        NativeTools.Outcome out = check("threads");
        assertEquals(0, out.exitCode(), out.stdout() + out.stderr());
        assertTrue(out.stdout().contains("mismatches 0 of 320"), out.stdout());
    }

    @Test
    void badCallsReturnCodesAndMessagesAndTheHostGoesOn() throws Exception {
        NativeTools.Outcome out = check("faults");
        assertEquals(0, out.exitCode(), out.stderr());
        String[] lines = out.stdout().trim().split("\n");
        String[][] expected = {
            {"-1", "qff_open: model_path is NULL"},
            {"-1", "/nonexistent/model.json\" is neither a built-in potential"},
            {"1", "model is NULL"},
            {"1", "natoms is 0"},
            {"1", "atomic_numbers is NULL"},
            {"1", "positions is NULL"},
            {"1", "energy_out is NULL"},
            {"3", "atom 20 has unknown atomic number 200"},
            {"3", "atoms 0 and 1 are 0.0 Å apart"},
            {"0", ""},
        };
        assertEquals(expected.length + 1, lines.length, out.stdout());
        for (int i = 0; i < expected.length; i++) {
            String[] parts = lines[i].split("\t", -1);
            assertEquals(expected[i][0], parts[0], lines[i]);
            assertTrue(parts[1].contains(expected[i][1]), "line " + i + ": " + lines[i]);
        }
        assertEquals(LennardJones.argon().energy(cluster), Double.parseDouble(lines[expected.length].substring("energy ".length())), 0.0);
    }
}
