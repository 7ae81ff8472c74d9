package org.qff.qnn.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.Potential;
import org.qff.qnn.potential.Potentials;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;
import static org.qff.qnn.model.Fixtures.*;

class ModelFilesTest {

    @Test
    void roundTripIsExactForBothArchitectures(@TempDir Path dir) throws Exception {
        BaselineModel pairs = new BaselineModel(CHO, 3.5, 4, 3, false, true);
        QnnModels.randomise(pairs, 5);
        for (QnnModel m : new QnnModel[] {revised(), baseline(), pairs}) {
            double[] w = m.getParameters();
            w[0] = Math.PI * 1e-7; // awkward doubles survive too
            w[1] = -Math.nextUp(1.0 / 3);
            m.setParameters(w);
            Path f = dir.resolve(m.type() + m.parameterCount() + ".json");
            ModelFiles.write(m, f);
            QnnModel back = ModelFiles.read(f);
            assertEquals(m.getClass(), back.getClass());
            assertArrayEquals(m.getParameters(), back.getParameters(), 0);
            assertEquals(m.toString(), back.toString());
            Structure s = SampleMolecules.aspirin();
            assertEquals(new QnnPotential(m).energy(s), new QnnPotential(back).energy(s), 0);
            QnnModels.register();
            Potential p = Potentials.load(f.toString());
            assertEquals(m.type(), p.name());
            assertEquals(new QnnPotential(m).energy(s), p.energy(s), 0);
        }
    }

    private static void expectError(Path dir, String name, String content, String... fragments) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.read(f));
        for (String frag : fragments) assertTrue(e.getMessage().contains(frag), "message \"" + e.getMessage() + "\" lacks \"" + frag + "\"");
        assertTrue(e.getMessage().contains(f.toString()));
    }

    @Test
    void damagedOrIncompatibleFilesGiveClearErrors(@TempDir Path dir) throws Exception {
        QnnModel m = revised();
        String good = ModelFiles.toJson(m).toString();
        expectError(dir, "truncated.json", good.substring(0, good.length() / 2), "not valid JSON");
        ObjectNode n = ModelFiles.toJson(m);
        n.put("format_version", 99);
        expectError(dir, "version.json", n.toString(), "format_version 99");
        n = ModelFiles.toJson(m);
        ((ArrayNode) n.get("weights").get("radial_weights")).remove(0);
        expectError(dir, "short.json", n.toString(), "weights.radial_weights", "needs " + m.block("radial_weights").length());
        n = ModelFiles.toJson(m);
        ((ArrayNode) n.get("weights").get("couplings")).set(2, n.textNode("x"));
        expectError(dir, "text.json", n.toString(), "weights.couplings[2]");
        n = ModelFiles.toJson(m);
        n.put("type", "qnn-unknown");
        expectError(dir, "type.json", n.toString(), "qnn-unknown");
        n = ModelFiles.toJson(m);
        n.remove("radial_basis");
        expectError(dir, "basis.json", n.toString(), "radial_basis");
        n = ModelFiles.toJson(m);
        n.put("qubits", 3);
        expectError(dir, "odd.json", n.toString(), "qubits must be even");
        n = ModelFiles.toJson(m);
        ((ObjectNode) n.get("weights")).putArray("extra");
        expectError(dir, "extra.json", n.toString(), "weights.extra");
    }

    @Test
    void modelForOtherSpeciesIsRejectedNamingTheAtom(@TempDir Path dir) throws Exception {
        QnnModel hOnly = QnnModels.defaultRevised(new int[] {1, 8}, 1);
        Path f = dir.resolve("ho.json");
        ModelFiles.write(hOnly, f);
        QnnModels.register();
        Potential p = Potentials.load(f.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.energy(SampleMolecules.ethanol()));
        assertTrue(e.getMessage().contains("atom 0") && e.getMessage().contains("atomic number 6"), e.getMessage());
    }
}
