package org.qff.qnn.train;

/** What one epoch did: mean training loss, validation errors (eV, eV/Å), learning rate, wall time. */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, double validationEnergyMae,
                          double validationForceMae, double learningRate, double seconds) {

    static final String CSV_HEADER = "epoch,train_loss,val_loss,val_energy_mae_meV,val_force_mae_meV_per_A,learning_rate,seconds";

    String csvRow() {
        return epoch + "," + trainLoss + "," + validationLoss + "," + validationEnergyMae * 1e3 + "," + validationForceMae * 1e3 + ","
                + learningRate + "," + String.format(java.util.Locale.ROOT, "%.3f", seconds);
    }
}
