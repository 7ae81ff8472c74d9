package org.qff.qnn.gpr;

import org.qff.qnn.potential.ModelTypeProvider;

/** Registers the {@code gpr} model-file type. */
public final class GprModelTypeProvider implements ModelTypeProvider {
    @Override
    public void register() {
        GprPotential.register();
    }
}
