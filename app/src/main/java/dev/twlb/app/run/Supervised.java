package dev.twlb.app.run;

/** The side of a node process that a {@link NodeSupervisor} started. */
public final class Supervised {
  /** Tells a node process which process supervises it, so that it ends with it (even when that one is SIGKILLed). */
  static final String SUPERVISOR_PID_ENV = "TWLB_SUPERVISOR_PID";

  private Supervised() {}

  /**
   * In a node process started by a supervisor: ends this process when the supervisor's ends, however it ends, so a
   * {@code twlb run} killed with SIGKILL leaves no node behind holding its port. It halts: with its supervisor gone,
   * a graceful stop could wait forever on a broker that went with it.
   */
  public static void exitWithSupervisor() {
    String pid = System.getenv(SUPERVISOR_PID_ENV);
    if (pid != null) {
      ProcessHandle.of(Long.parseLong(pid)).ifPresentOrElse(
          supervisor -> supervisor.onExit().thenRun(() -> Runtime.getRuntime().halt(0)), () -> Runtime.getRuntime().halt(0));
    }
  }
}
