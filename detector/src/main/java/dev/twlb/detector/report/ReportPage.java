package dev.twlb.detector.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The report as one static HTML page: the summary's tables and the pictures beside them. It needs no server and no
 * script from elsewhere; a few lines of its own say, in {@code body[data-images]}, how many pictures loaded.
 */
final class ReportPage {
  private ReportPage() {}

  static String html(DatasetSummary s, List<String> dataDirs, List<String> pictures) {
    StringBuilder h = new StringBuilder("""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>TW-LB dataset report</title>
        <style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}
        td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}th:first-child,td:first-child{text-align:left}
        img{max-width:100%;display:block;margin:1em 0}</style></head><body>
        """);
    h.append("<h1>TW-LB dataset report</h1>\n<p>").append(escape(String.join(", ", dataDirs))).append(": ")
        .append(s.rows).append(" windows in ").append(s.parquetFiles).append(" Parquet and ").append(s.csvFiles)
        .append(" CSV files");
    if (s.rows > 0) {
      h.append(", from ").append(Instant.ofEpochMilli(s.firstStartMs)).append(" to ").append(Instant.ofEpochMilli(s.lastEndMs))
          .append(" (").append(Duration.ofMillis(s.lastEndMs - s.firstStartMs).toMinutes()).append(" min)");
    }
    h.append(", ").append(s.epochs().size()).append(" epochs, ").append(s.rowsByNode.size()).append(" nodes; ")
        .append(s.duplicateWindows).append(" windows written more than once.</p>\n");
    h.append("<h2>Windows by class</h2>\n<table><tr><th>fault_type</th><th>windows</th><th>clean (no transition)</th><th>share</th></tr>\n");
    for (Map.Entry<String, Long> e : s.rowsByClass.entrySet()) {
      h.append("<tr><td>").append(escape(e.getKey())).append("</td><td>").append(e.getValue()).append("</td><td>")
          .append(s.cleanRowsByClass.getOrDefault(e.getKey(), 0L)).append("</td><td>")
          .append(String.format("%.1f %%", 100.0 * e.getValue() / s.rows)).append("</td></tr>\n");
    }
    h.append("</table>\n<p>Label purity: mean ").append(String.format("%.4f", s.rows == 0 ? 1.0 : s.puritySum / s.rows))
        .append(", ").append(s.impure).append(" windows below 1; ").append(s.transitions)
        .append(" windows marked <code>is_transition</code> (left out of training).</p>\n");
    h.append("<h2>Label evidence</h2>\n<p>Clean node-epochs (a node's clean windows in one epoch) whose measurements show"
        + " their label's fault; a class below ").append(Math.round(LabelEvidence.TARGET * 100))
        .append(" % is flagged.</p>\n<table><tr><th>fault_type</th><th>sign looked for</th><th>node-epochs</th><th>showing</th>"
            + "<th>share</th></tr>\n");
    for (LabelEvidence.ClassEvidence c : s.evidence()) {
      h.append("<tr><td>").append(escape(c.faultType())).append("</td><td>").append(escape(c.sign())).append("</td><td>")
          .append(c.nodeEpochs()).append("</td><td>").append(c.showing()).append("</td><td>")
          .append(String.format("%.1f %%%s", 100 * c.share(), c.belowTarget() ? " (below)" : "")).append("</td></tr>\n");
    }
    h.append("</table>\n");
    for (String picture : pictures) {
      h.append("<img src=\"").append(escape(picture)).append("\" alt=\"").append(escape(picture)).append("\">\n");
    }
    h.append("<h2>Missing values by column</h2>\n<table><tr><th>column</th><th>missing</th><th>share</th></tr>\n");
    for (Map.Entry<String, Long> e : s.missing.entrySet()) {
      if (e.getValue() > 0) {
        h.append("<tr><td>").append(escape(e.getKey())).append("</td><td>").append(e.getValue()).append("</td><td>")
            .append(String.format("%.1f %%", 100.0 * e.getValue() / s.rows)).append("</td></tr>\n");
      }
    }
    h.append("</table>\n<p>Columns not listed are never missing. A crashed node has no scrape, so its CPU and memory "
        + "columns are empty; a window without a successful request has no latency; the recent_* columns are an early "
        + "window's last second, empty in labeled-metrics.</p>\n");
    h.append("<h2>Windows by run and epoch</h2>\n<table><tr><th>run_id</th><th>epoch_id</th><th>windows</th><th>classes</th></tr>\n");
    for (DatasetSummary.Epoch e : s.epochs()) {
      h.append("<tr><td>").append(escape(e.runId())).append("</td><td>").append(e.epochId()).append("</td><td>")
          .append(e.rowsByClass().values().stream().mapToLong(Long::longValue).sum()).append("</td><td>")
          .append(escape(e.rowsByClass().toString())).append("</td></tr>\n");
    }
    h.append("""
        </table>
        <script>
        window.addEventListener('load', () => {
          const images = [...document.images];
          document.body.dataset.images = images.filter(i => i.complete && i.naturalWidth > 0).length + '/' + images.length;
        });
        </script>
        </body></html>
        """);
    return h.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
