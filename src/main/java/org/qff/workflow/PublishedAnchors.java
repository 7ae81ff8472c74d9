package org.qff.workflow;

import java.util.List;
import java.util.Map;

/**
 * Published rMD17 test MAEs at 1000 training frames (energy meV, force meV/Å), as tabulated in the
 * shared data README, for orientation beside qff's own figures. Sources: MACE (Batatia et al.
 * 2022), NequIP (Batzner et al. 2022), GAP and ANI (as reported by Christensen and von Lilienfeld 2020).
 */
public final class PublishedAnchors {
    private PublishedAnchors() {}

    /** One method's published errors on one molecule. */
    public record Anchor(String method, double energyMaeMeV, double forceMaeMeVPerA) {}

    private static final Map<String, List<Anchor>> TABLE = Map.of(
            "aspirin", List.of(new Anchor("MACE", 2.2, 6.6), new Anchor("NequIP", 2.3, 8.2), new Anchor("GAP", 17.7, 44.9), new Anchor("ANI", 16.6, 40.6)),
            "ethanol", List.of(new Anchor("MACE", 0.4, 2.1), new Anchor("NequIP", 0.4, 2.8), new Anchor("GAP", 3.5, 18.1), new Anchor("ANI", 2.5, 13.4)),
            "malonaldehyde", List.of(new Anchor("MACE", 0.8, 4.1), new Anchor("NequIP", 0.8, 5.1), new Anchor("GAP", 4.8, 26.4), new Anchor("ANI", 4.6, 24.5)),
            "benzene", List.of(new Anchor("MACE", 0.4, 0.3), new Anchor("NequIP", 0.04, 0.3), new Anchor("GAP", 0.75, 6.0), new Anchor("ANI", 3.3, 10.0)),
            "uracil", List.of(new Anchor("MACE", 0.5, 2.1), new Anchor("NequIP", 0.4, 3.1), new Anchor("GAP", 3.0, 17.6), new Anchor("ANI", 5.1, 21.4)));

    /** The anchors for a molecule, empty when none are tabulated. */
    public static List<Anchor> forMolecule(String molecule) {
        return TABLE.getOrDefault(molecule, List.of());
    }
}
