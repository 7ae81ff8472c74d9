package org.qff.ffi.capi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.qff.ffi.NativeTools;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.LennardJones;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's Python and ASE call libqff through qff_ase.py (ctypes + ASE Calculator): VelocityVerlet
 * runs 100 steps; sampled energies and forces must equal a direct Java call exactly (the same
 * doubles cross ctypes unchanged), total energy must be conserved, and bad calls must raise
 * QffError with libqff's message while Python goes on.
 */
@Timeout(120)
class CApiPythonTest {
    @Test
    void aseVelocityVerletWithQffCalculator() throws Exception {
        NativeTools.assumePythonWithAse();
        LibQff.library();
        NativeTools.Outcome out = NativeTools.run(NativeTools.python(NativeTools.testPython("qff_ase_check.py"), "lj-argon"), 90,
                Map.of("PYTHONPATH", NativeTools.moduleDir().resolve("src/main/python").toString(),
                        "QFF_LIB", LibQff.library().toString()));
        assertEquals(0, out.exitCode(), out.stderr());
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(out.stdout());
        assertEquals(100, root.get("steps").asInt());
        int[] z = json.convertValue(root.get("numbers"), int[].class);
        JsonNode frames = root.get("frames");
        assertEquals(11, frames.size()); // steps 0, 10, ..., 100
        LennardJones lj = LennardJones.argon();
        double total0 = frames.get(0).get("total").asDouble();
        for (JsonNode fr : frames) {
            double[] pos = json.convertValue(fr.get("positions"), double[].class);
            double[] fPy = json.convertValue(fr.get("forces"), double[].class);
            double[] fJava = new double[pos.length];
            double e = lj.compute(new Structure(z, pos), fJava, null);
            assertEquals(e, fr.get("energy").asDouble(), 0.0, "energy");
            for (int k = 0; k < pos.length; k++) assertEquals(fJava[k], fPy[k], 0.0, "force " + k);
            // Velocity Verlet at 2 fs on argon holds the total energy to ~1e-5 eV here (measured
            // 6e-6); a wrong force sign or unit would break it by orders of magnitude.
            assertEquals(total0, fr.get("total").asDouble(), 1e-4, "total energy drift");
        }
        JsonNode faults = root.get("faults");
        assertFault(faults, "missing_model", 2, "/nonexistent/qff-model.json");
        assertFault(faults, "unknown_element", 3, "atom 2 has unknown atomic number 200");
        assertFault(faults, "coincident_atoms", 3, "atoms 0 and 1 are 0.0 Å apart");
        assertFault(faults, "periodic", 1, "periodic");
    }

    private static void assertFault(JsonNode faults, String name, int code, String text) {
        JsonNode f = faults.get(name);
        assertNotNull(f, name + " did not raise");
        assertTrue(!f.isNull(), name + " did not raise");
        assertEquals(code, f.get("code").asInt(), name);
        assertTrue(f.get("message").asText().contains(text), name + ": " + f.get("message").asText());
    }
}
