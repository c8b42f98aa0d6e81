"""Replays a detector's raw verdicts (EarlyReplay.java's OUT/raw.csv) under steady rules, measured as OnsetLatency
measures the live ones: the median time from a fault's onset to the end of the first window whose published verdict
names it (the window part; the pipeline adds its own), by class, and false alarms per node-hour of clean benign windows
(raised on a benign node; held over from the fault before, apart). Also the raw verdicts' macro-F1 on the clean windows
from SCORE_FROM on (held out in time).

usage: python3 bench/replay/steady.py OUT SCORE_FROM_MS
       RULES='[(2, "any")]' python3 ...   picks the rules: (windows, "same" class or "any" fault in a row)
"""
import os
import sys

import numpy as np
import pandas as pd

SETTLE_MS = 5_000  # OnsetLatency.DEFAULT_SETTLE_MS


def published(raws, windows, mode):
    """The steady verdicts of one node's raw ones, in order (detector's SteadyVerdicts; "same" is its older rule)."""
    out, pub, last, times = [], "benign", None, windows
    for raw in raws:
        key = raw if mode == "same" else raw != "benign"
        times = times + 1 if key == last else 1
        last = key
        if times >= windows:
            pub = raw
        out.append(pub)
    return out


def measure(rows, confirmations, live_from, windows, mode):
    window_parts, by_fault, false_alarms, held_over, benign_ms = [], {}, 0, 0, 0
    for node, verdicts in rows.groupby("node"):
        verdicts = verdicts.assign(pub=published(verdicts.raw.tolist(), windows, mode)).reset_index(drop=True)
        epochs = confirmations[confirmations.node == node].sort_values("applied").reset_index(drop=True)
        for i, epoch in epochs.iterrows():
            if epoch.applied < live_from:
                continue
            nxt = epochs.applied[i + 1] if i + 1 < len(epochs) else np.inf
            inside = verdicts[(verdicts.end > epoch.applied) & (verdicts.end <= nxt)]
            if epoch.fault != "benign":
                named = inside[inside.pub == epoch.fault]
                part = (named.end.iloc[0] - epoch.applied) / 1000 if len(named) else np.inf
                window_parts.append(part)
                by_fault.setdefault(epoch.fault, []).append(part)
                continue
            clean = inside[(inside.label == "benign") & (~inside.transition) & (inside.start >= max(epoch.applied, live_from))]
            if i > 0 and epochs.fault[i - 1] != "benign":
                clean = clean[clean.start >= epoch.applied + SETTLE_MS]
            covered = -1
            for pos, w in clean.iterrows():
                before = verdicts.iloc[pos - 1] if pos > 0 else None
                alarm_before = before is not None and before.end >= w.start and before.pub != "benign"
                benign_ms += w.end - max(w.start, covered)
                if w.pub != "benign" and not alarm_before:
                    false_alarms += 1
                elif w.pub != "benign" and w.start > covered:
                    held_over += 1
                covered = w.end
    return window_parts, by_fault, false_alarms, held_over, benign_ms / 3.6e6


def macro_f1(truth, predicted):
    scores = {}
    for label in sorted(set(truth)):
        tp = ((truth == label) & (predicted == label)).sum()
        wrong = ((truth != label) & (predicted == label)).sum() + ((truth == label) & (predicted != label)).sum()
        scores[label] = 2 * tp / (2 * tp + wrong) if tp else 0.0
    return np.mean(list(scores.values())), scores


def main():
    out, live_from = sys.argv[1], int(sys.argv[2])
    rows = pd.read_csv(os.path.join(out, "raw.csv")).sort_values(["node", "end"])
    confirmations = pd.read_csv(os.path.join(out, "confirmations.csv")).sort_values("applied").drop_duplicates(["node", "epoch"])
    held = rows[(rows.start >= live_from) & (~rows.transition) & (rows.label != "unknown")]
    macro, per_class = macro_f1(held.label.values, held.raw.values)
    worst = min(per_class, key=per_class.get)
    print(f"raw verdicts, clean windows from SCORE_FROM on: macro-F1 {macro:.3f}, weakest {worst} {per_class[worst]:.3f}")
    for windows, mode in eval(os.environ.get("RULES", '[(1, "same"), (2, "same"), (2, "any")]')):
        parts, by_fault, false_alarms, held_over, hours = measure(rows, confirmations, live_from, windows, mode)
        classes = " ".join(f"{k} {np.median(v):.1f}" for k, v in sorted(by_fault.items()))
        print(f"{windows} {mode}: median window part {np.median(parts):.2f} s over {len(parts)} fault node-epochs;"
              f" false alarms {false_alarms} (held over {held_over}) in {hours:.2f} benign node-hours; by class: {classes}")


if __name__ == "__main__":
    main()
