package org.qff.qnn.gpr;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qff.qnn.atoms.Structure;
import org.qff.qnn.potential.Potential;
import org.qff.qnn.potential.Potentials;
import org.qff.qnn.testing.MorseNetwork;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class GprModelFileTest {
    static GprPotential trained;
    static Structure probe;

    @BeforeAll
    static void train() {
        trained = trainOnMorse(8, 4, GprOptions.defaults().withPriorMean(PriorMeanKind.SHIFTED_HIGH_QUADRATIC).withShiftMargin(0.7));
        probe = MorseNetwork.samples(MorseNetwork.molecule(), 1, 0.05, 77)[0];
    }

    /** A GPR trained on energies and forces of {@code count} Morse-network samples drawn with {@code seed}. */
    static GprPotential trainOnMorse(int count, long seed, GprOptions options) {
        Structure ref = MorseNetwork.molecule();
        MorseNetwork truth = new MorseNetwork(ref);
        Structure[] tr = MorseNetwork.samples(ref, count, 0.05, seed);
        double[] e = new double[tr.length];
        double[][] f = new double[tr.length][15];
        for (int s = 0; s < tr.length; s++) e[s] = truth.compute(tr[s], f[s], null);
        return GprTrainer.train(tr, e, f, options);
    }

    @Test
    void roundTripIsExact(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.json");
        GprModelFile.write(trained.model(), file);
        GprPotential.register();
        Potential loaded = Potentials.load(file.toString());
        assertInstanceOf(GprPotential.class, loaded);
        double[] f1 = new double[15], f2 = new double[15], a1 = new double[5], a2 = new double[5];
        double e1 = trained.compute(probe, f1, a1), e2 = loaded.compute(probe, f2, a2);
        assertEquals(e1, e2, 0.0);
        assertArrayEquals(f1, f2, 0.0);
        assertArrayEquals(a1, a2, 0.0);
        assertEquals(trained.predict(probe).variance(), ((GprPotential) loaded).predict(probe).variance(), 1e-12 * trained.model().signalVariance());
        assertEquals("gpr-shifted-high-quadratic", loaded.name());
        // writing the loaded model gives the same file
        Path again = dir.resolve("again.json");
        GprModelFile.write(((GprPotential) loaded).model(), again);
        assertEquals(Files.readString(file), Files.readString(again));
        var json = new ObjectMapper().readTree(file.toFile());
        assertEquals("gpr", json.get("type").asText());
        assertEquals(GprModelFile.VERSION, json.get("version").asInt());
        assertEquals("shifted-high-quadratic", json.at("/prior_mean/name").asText());
        assertEquals(0.7, json.at("/prior_mean/margin_eV").asDouble());
        assertEquals("direction", json.get("local_frame_coordinates").asText());
    }

    /**
     * Files written before Cartesian frames existed have no "local_frame_coordinates" field and
     * are spherical: a spherical model with the field removed must load as the same model.
     */
    @Test
    void filesWithoutCoordinatesAreSphericalAndEveryCoordinateSystemRoundTrips(@TempDir Path dir) throws Exception {
        GprPotential.register();
        ObjectMapper mapper = new ObjectMapper();
        for (var c : org.qff.qnn.descriptor.AlfCoordinates.values()) {
            GprPotential gp = trainOnMorse(6, 5, GprOptions.defaults().withPriorMean(PriorMeanKind.LINEAR).withCoordinates(c));
            assertEquals(c, gp.model().frames().get(0).coordinates());
            assertEquals(c, gp.model().priorMean().coordinates());
            Path file = dir.resolve(c.fileName() + ".json");
            GprModelFile.write(gp.model(), file);
            assertEquals(gp.energy(probe), Potentials.load(file.toString()).energy(probe), 0.0, c.fileName());
            if (c != org.qff.qnn.descriptor.AlfCoordinates.SPHERICAL) continue;
            ObjectNode legacy = (ObjectNode) mapper.readTree(file.toFile());
            legacy.remove("local_frame_coordinates");
            Potential old = Potentials.load(write(dir, "legacy.json", legacy).toString());
            assertEquals(gp.energy(probe), old.energy(probe), 0.0, "a file without the field is spherical");
        }
        ObjectNode unknown = (ObjectNode) mapper.readTree(dir.resolve("direction.json").toFile());
        unknown.put("local_frame_coordinates", "cylindrical");
        assertMessage(write(dir, "unknown.json", unknown), "unknown local-frame coordinates 'cylindrical'");
    }

    @Test
    void damagedFilesGiveClearErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.json");
        GprModelFile.write(trained.model(), file);
        String text = Files.readString(file);
        ObjectMapper json = new ObjectMapper();

        Path truncated = dir.resolve("truncated.json");
        Files.writeString(truncated, text.substring(0, text.length() / 2));
        assertMessage(truncated, "not valid JSON");

        ObjectNode noWeights = (ObjectNode) json.readTree(text);
        ((ObjectNode) noWeights.get("training")).remove("weights");
        assertMessage(write(dir, "noweights.json", noWeights), "field \"weights\" is missing");

        ObjectNode future = (ObjectNode) json.readTree(text);
        future.put("version", 99);
        assertMessage(write(dir, "future.json", future), "version 99 is not supported");

        ObjectNode badMean = (ObjectNode) json.readTree(text);
        ((ObjectNode) badMean.get("prior_mean")).put("name", "shifted-sideways");
        assertMessage(write(dir, "badmean.json", badMean), "unknown prior mean \"shifted-sideways\"");

        ObjectNode shortWeights = (ObjectNode) json.readTree(text);
        ((com.fasterxml.jackson.databind.node.ArrayNode) shortWeights.at("/training/weights")).remove(0);
        assertMessage(write(dir, "short.json", shortWeights), "weights, expected");

        ObjectNode badFrame = (ObjectNode) json.readTree(text);
        ((ObjectNode) badFrame.at("/local_frames/2")).put("x_axis_atom", 2);
        assertMessage(write(dir, "frame.json", badFrame), "local_frames[2]");

        ObjectNode textNumber = (ObjectNode) json.readTree(text);
        ((ObjectNode) textNumber.get("kernel")).put("signal_variance_eV2", "big");
        assertMessage(write(dir, "text.json", textNumber), "signal_variance_eV2");
    }

    private static Path write(Path dir, String name, ObjectNode node) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, node.toString());
        return p;
    }

    private static void assertMessage(Path file, String expected) {
        GprPotential.register();
        var e = assertThrows(IllegalArgumentException.class, () -> Potentials.load(file.toString()));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(file.toString()), e.getMessage());
    }
}
