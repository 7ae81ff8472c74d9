package org.qff.ffi.capi;

/** The return codes of qff.h ({@code enum qff_status}); keep the two in step. */
public final class QffStatus {
    private QffStatus() {}

    public static final int OK = 0;
    public static final int ERR_ARGUMENT = 1;
    public static final int ERR_MODEL = 2;
    public static final int ERR_COMPUTE = 3;
    public static final int ERR_RUNTIME = 4;
}
