package org.qff.qnn.potential;

/**
 * A package of model types (QNN architectures, GPR, …) that registers its model-file readers with
 * {@link Potentials}. Listed in {@code META-INF/services/org.qff.qnn.potential.ModelTypeProvider},
 * found by {@link java.util.ServiceLoader} on first use, so {@code --model FILE} works for every
 * type on the class path without the potential package depending on the model packages.
 */
public interface ModelTypeProvider {
    void register();
}
