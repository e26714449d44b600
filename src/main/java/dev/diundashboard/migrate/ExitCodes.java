package dev.diundashboard.migrate;

/** The documented exit codes of {@code diun-migrate} (docs/moving-between-backends.md). */
final class ExitCodes {

    /** Copied and verified identical; or, with --dry-run, the copy would proceed. */
    static final int OK = 0;
    /** The verification found a difference between source and target. */
    static final int DIFFERENT = 1;
    /** The command line is wrong (picocli's usage error code). */
    static final int USAGE = 2;
    /** Refused: the target holds data (without --resume), or the schemas are not at the same version. */
    static final int REFUSED = 3;
    /** A value the target cannot store exactly (named by table, row and column); nothing was altered. */
    static final int UNSTORABLE = 4;
    /** A database could not be reached, opened, read or written. */
    static final int DATABASE = 5;

    private ExitCodes() {}
}
