package org.qff.qnn.data;

import java.util.Arrays;

/**
 * One array read from a NumPy {@code .npy} file: its shape and its values in C (row-major)
 * order, widened to double (every integer the rMD17 files hold is exact in a double).
 *
 * @param name what the array is called (its key in an NPZ archive) for messages
 * @param dtype the NumPy type descriptor as stored, e.g. {@code <f8} or {@code |u1}
 * @param shape the dimensions (empty for a scalar)
 * @param values the elements in C order
 */
public record NpyArray(String name, String dtype, int[] shape, double[] values) {

    public NpyArray {
        shape = shape.clone();
        long count = 1;
        for (int d : shape) count *= d;
        if (count != values.length) throw new IllegalArgumentException("array " + name + " has shape " + shapeString(shape) + " but " + values.length + " values");
    }

    @Override
    public int[] shape() { return shape.clone(); }

    public int rank() { return shape.length; }

    public int dim(int axis) { return shape[axis]; }

    /** Whether the stored type is an integer or boolean type. */
    public boolean isIntegral() {
        char kind = dtype.charAt(1);
        return kind == 'i' || kind == 'u' || kind == 'b';
    }

    /** The shape written as NumPy prints it, e.g. (1000, 9, 3). */
    public String shapeString() { return shapeString(shape); }

    static String shapeString(int[] shape) {
        if (shape.length == 1) return "(" + shape[0] + ",)";
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }
}
