package org.qff.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots people would rather look at than read: parity plots, learning curves, training
 * curves, time traces. Headless (no display needed); files are written atomically.
 */
public final class Plots {
    private Plots() {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** One named line or scatter series. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) throw new IllegalArgumentException("series " + name + ": " + x.length + " x values, " + y.length + " y values");
        }
    }

    /** Predicted against reference, with the y = x diagonal and the MAE in the title. */
    public static void parity(Path png, String title, String unit, double[] reference, double[] predicted) throws IOException {
        if (reference.length != predicted.length || reference.length == 0) {
            throw new IllegalArgumentException("parity plot needs equal, non-empty arrays (" + reference.length + " vs " + predicted.length + ")");
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, mae = 0;
        for (int i = 0; i < reference.length; i++) {
            lo = Math.min(lo, Math.min(reference[i], predicted[i]));
            hi = Math.max(hi, Math.max(reference[i], predicted[i]));
            mae += Math.abs(reference[i] - predicted[i]);
        }
        mae /= reference.length;
        XYChart chart = base(String.format(java.util.Locale.ROOT, "%s (MAE %.3g %s, n = %d)", title, mae, unit, reference.length),
                "reference (" + unit + ")", "predicted (" + unit + ")");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setLegendVisible(false);
        XYSeries pts = chart.addSeries("data", reference, predicted);
        pts.setMarker(SeriesMarkers.CIRCLE);
        XYSeries diag = chart.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
        diag.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        diag.setMarker(SeriesMarkers.NONE);
        diag.setLineColor(java.awt.Color.GRAY);
        write(chart, png);
    }

    /** Lines with markers; optionally logarithmic axes (learning curves are log–log). */
    public static void lines(Path png, String title, String xLabel, String yLabel, List<Series> series, boolean logX, boolean logY)
            throws IOException {
        if (series.isEmpty()) throw new IllegalArgumentException("no series to plot for " + png);
        XYChart chart = base(title, xLabel, yLabel);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        // Outside the axes: with several series an inside legend hides data.
        chart.getStyler().setLegendPosition(series.size() > 3 ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.InsideNE);
        for (Series s : series) {
            if (s.x().length == 0) continue;
            for (int i = 0; i < s.y().length; i++) {
                if (!Double.isFinite(s.y()[i]) || (logY && s.y()[i] <= 0) || (logX && s.x()[i] <= 0)) {
                    throw new IllegalArgumentException("series " + s.name() + " has a value that cannot be plotted: " + s.y()[i]);
                }
            }
            XYSeries xy = chart.addSeries(s.name(), s.x(), s.y());
            xy.setMarker(s.x().length <= 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        write(chart, png);
    }

    private static XYChart base(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(800).height(600).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        return chart;
    }

    private static void write(XYChart chart, Path png) throws IOException {
        java.awt.image.BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        org.qff.qnn.io.AtomicFiles.write(png, out -> {
            if (!javax.imageio.ImageIO.write(image, "png", out)) throw new IOException("no PNG writer available for " + png);
        });
    }
}
