package org.qff.md.campaign;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.qff.qnn.io.AtomicFiles;

/**
 * One PNG with two panels, temperature and potential energy against time, one line per
 * trajectory, coloured by target temperature. Rendered headless (no display needed).
 */
public final class CampaignPlot {
    private CampaignPlot() {}

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)
    };

    public static void write(Path png, List<Campaign.Run> runs, double[] temperatures) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart temp = chart("Temperature", "T (K)");
        XYChart energy = chart("Potential energy", "E_pot (eV)");
        java.util.Set<Double> labelled = new java.util.HashSet<>();
        for (Campaign.Run r : runs) {
            if (r.trace().timeFs().length == 0) continue;
            boolean legend = labelled.add(r.temperatureK()); // one legend entry per temperature
            int colour = 0;
            for (int k = 0; k < temperatures.length; k++) if (temperatures[k] == r.temperatureK()) colour = k;
            double[] tPs = java.util.Arrays.stream(r.trace().timeFs()).map(x -> x / 1000).toArray();
            String name = legend ? Campaign.fmt(r.temperatureK()) + " K" : Campaign.fmt(r.temperatureK()) + " K #" + r.index();
            add(temp, name, tPs, r.trace().temperatureK(), PALETTE[colour % PALETTE.length], legend);
            add(energy, name, tPs, r.trace().potentialEv(), PALETTE[colour % PALETTE.length], legend);
        }
        BufferedImage a = BitmapEncoder.getBufferedImage(temp);
        BufferedImage b = BitmapEncoder.getBufferedImage(energy);
        BufferedImage both = new BufferedImage(Math.max(a.getWidth(), b.getWidth()), a.getHeight() + b.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(a, 0, 0, null);
        g.drawImage(b, 0, a.getHeight(), null);
        g.dispose();
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(both, "png", out)) throw new IOException("no PNG writer available");
        });
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(1000).height(420).title(title).xAxisTitle("time (ps)").yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        return c;
    }

    private static void add(XYChart c, String name, double[] x, double[] y, Color colour, boolean inLegend) {
        XYSeries s = c.addSeries(name, x, y);
        s.setShowInLegend(inLegend);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineWidth(1f);
    }
}
