package dev.twlb.schemas;

/**
 * Why a labeled window is marked {@code is_transition}: it is kept, but it is not a clean example of its label.
 * Its wire name goes into {@code LabeledWindow.transition_reason}; where several apply, the first in this order, so
 * {@code assignment-change}, last, says that nothing else is wrong with the window.
 */
public enum TransitionReason {
  /**
   * The node did not confirm the assignment behind the label for the whole window (it had not read it in time, or its
   * confirmation came late or was lost): what it did is not known, so the label is not evidence.
   */
  FAULT_NOT_APPLIED("fault-not-applied"),
  /** The node is coming back from a crash epoch that ended in the window or just before it. */
  CRASH_RECOVERY("crash-recovery"),
  /** The node's process started again in the window without a crash epoch ending: it died unplanned. */
  NODE_RESTART("node-restart"),
  /** Connections or scrapes were refused while the assigned fault keeps the node listening: it was down, unplanned. */
  NODE_DOWN("node-down"),
  /** The window spans a change of assignment (label purity below 1), and nothing above applies. */
  ASSIGNMENT_CHANGE("assignment-change");

  private final String wireName;

  TransitionReason(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  @Override
  public String toString() {
    return wireName;
  }
}
