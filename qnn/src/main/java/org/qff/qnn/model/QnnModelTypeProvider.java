package org.qff.qnn.model;

import org.qff.qnn.potential.ModelTypeProvider;

/** Registers the QNN architectures' model-file types ({@code qnn-baseline}, {@code qnn-revised}). */
public final class QnnModelTypeProvider implements ModelTypeProvider {
    @Override
    public void register() {
        QnnModels.register();
    }
}
