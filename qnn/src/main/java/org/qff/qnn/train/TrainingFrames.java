package org.qff.qnn.train;

import java.util.ArrayList;
import java.util.List;
import org.qff.qnn.data.Dataset;

/** Labelled frames of a {@link Dataset}, as the trainer and metrics take them. */
public final class TrainingFrames {
    private TrainingFrames() {}

    public static List<TrainingFrame> of(Dataset data) {
        List<TrainingFrame> out = new ArrayList<>(data.size());
        for (int k = 0; k < data.size(); k++) out.add(new TrainingFrame(data.structure(k), data.energy(k), data.forces(k)));
        return out;
    }
}
