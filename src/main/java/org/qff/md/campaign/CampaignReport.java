package org.qff.md.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qff.qnn.io.AtomicFiles;

/**
 * Summarises a campaign per temperature: surviving fraction, and for failed runs the time to
 * failure (mean, median, each run's step, kind and message). Writes {@code summary.json} and
 * {@code summary.md} atomically.
 */
public final class CampaignReport {
    private CampaignReport() {}

    /** Per-temperature statistics in temperature order. */
    public static List<Map<String, Object>> byTemperature(List<Campaign.Run> runs, double[] temperatures, double timestepFs, long steps) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (double t : temperatures) {
            List<Campaign.Run> at = runs.stream().filter(r -> r.temperatureK() == t).toList();
            long survived = at.stream().filter(Campaign.Run::survived).count();
            double[] ttf = at.stream().filter(r -> !r.survived()).mapToDouble(r -> r.failure().timeFs()).sorted().toArray();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("temperature_K", t);
            m.put("trajectories", at.size());
            m.put("survived", survived);
            m.put("surviving_fraction", at.isEmpty() ? 0.0 : (double) survived / at.size());
            m.put("simulated_fs_per_trajectory", steps * timestepFs);
            m.put("mean_time_to_failure_fs", ttf.length == 0 ? null : Arrays.stream(ttf).average().orElseThrow());
            m.put("median_time_to_failure_fs", ttf.length == 0 ? null : median(ttf));
            List<Map<String, Object>> failures = new ArrayList<>();
            for (Campaign.Run r : at) {
                if (r.survived()) continue;
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("run", r.index());
                f.put("seed", r.seed());
                f.put("step", r.failure().step());
                f.put("time_fs", r.failure().timeFs());
                f.put("kind", r.failure().kind());
                f.put("message", r.failure().message());
                failures.add(f);
            }
            m.put("failures", failures);
            out.add(m);
        }
        return out;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    public static void write(Path dir, Map<String, Object> header, List<Map<String, Object>> rows) throws IOException {
        Map<String, Object> all = new LinkedHashMap<>(header);
        all.put("temperatures", rows);
        AtomicFiles.writeString(dir.resolve("summary.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(all) + "\n");
        StringBuilder md = new StringBuilder("# MD stability campaign\n\n");
        for (var e : header.entrySet()) md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        md.append("\n| T (K) | survived | fraction | mean time to failure (fs) | median (fs) |\n|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> r : rows) {
            md.append(String.format("| %s | %s/%s | %.2f | %s | %s |%n", r.get("temperature_K"), r.get("survived"), r.get("trajectories"),
                    (double) r.get("surviving_fraction"), orDash(r.get("mean_time_to_failure_fs")), orDash(r.get("median_time_to_failure_fs"))));
        }
        boolean any = false;
        for (Map<String, Object> r : rows) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> failures = (List<Map<String, Object>>) r.get("failures");
            for (Map<String, Object> f : failures) {
                if (!any) md.append("\n## Failures\n\n");
                any = true;
                md.append("- T = ").append(r.get("temperature_K")).append(" K, run ").append(f.get("run")).append(" (seed ").append(f.get("seed"))
                        .append("): ").append(f.get("message")).append('\n');
            }
        }
        md.append("\nTraces: campaign.png\n");
        AtomicFiles.writeString(dir.resolve("summary.md"), md.toString());
    }

    private static String orDash(Object o) {
        return o == null ? "–" : String.format("%.1f", (Double) o);
    }
}
