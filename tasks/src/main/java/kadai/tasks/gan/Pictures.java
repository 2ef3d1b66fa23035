package kadai.tasks.gan;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Write image grids and loss curves as PNG files (headless AWT). */
public final class Pictures {

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)
    };

    private Pictures() {}

    /**
     * Write {@code count} grey images of {@code h x w} pixels in [-1, 1] from {@code pixels} as a
     * grid of {@code columns} columns with a 2-pixel gap.
     */
    public static void writeGrid(float[] pixels, int count, int h, int w, int columns, Path file) throws IOException {
        int rows = (count + columns - 1) / columns;
        int gap = 2;
        BufferedImage image =
                new BufferedImage(columns * (w + gap) + gap, rows * (h + gap) + gap, BufferedImage.TYPE_BYTE_GRAY);
        for (int n = 0; n < count; n++) {
            int x0 = gap + (n % columns) * (w + gap);
            int y0 = gap + (n / columns) * (h + gap);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = pixels[n * h * w + y * w + x];
                    int g = Math.round(Math.max(0, Math.min(1, (v + 1) / 2)) * 255);
                    image.getRaster().setSample(x0 + x, y0 + y, 0, g);
                }
            }
        }
        write(image, file);
    }

    /** Draw each named curve (one value per step) as a line chart, 640x360. */
    public static void writeCurves(Map<String, List<Double>> curves, String title, Path file) throws IOException {
        int width = 640;
        int height = 360;
        int left = 50;
        int right = 140;
        int top = 30;
        int bottom = 30;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            int longest = 1;
            for (List<Double> curve : curves.values()) {
                for (double v : curve) {
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                longest = Math.max(longest, curve.size());
            }
            if (!(max > min)) {
                min = Double.isFinite(min) ? min - 1 : 0;
                max = min + 2;
            }
            int plotW = width - left - right;
            int plotH = height - top - bottom;
            g.setColor(Color.GRAY);
            g.drawRect(left, top, plotW, plotH);
            g.setColor(Color.BLACK);
            g.drawString(title, left, top - 10);
            g.drawString(String.format(java.util.Locale.ROOT, "%.3g", max), 2, top + 10);
            g.drawString(String.format(java.util.Locale.ROOT, "%.3g", min), 2, top + plotH);
            g.drawString("step " + longest, left + plotW - 50, top + plotH + 20);
            int c = 0;
            for (Map.Entry<String, List<Double>> e : curves.entrySet()) {
                g.setColor(PALETTE[c % PALETTE.length]);
                g.setStroke(new BasicStroke(1.2f));
                List<Double> curve = e.getValue();
                int px = -1;
                int py = -1;
                for (int i = 0; i < curve.size(); i++) {
                    double v = curve.get(i);
                    if (!Double.isFinite(v)) {
                        continue;
                    }
                    int x = left + (int) Math.round((double) i / Math.max(1, longest - 1) * plotW);
                    int y = top + (int) Math.round((max - v) / (max - min) * plotH);
                    if (px >= 0) {
                        g.drawLine(px, py, x, y);
                    }
                    px = x;
                    py = y;
                }
                g.drawString(e.getKey(), left + plotW + 10, top + 15 + 18 * c);
                c++;
            }
        } finally {
            g.dispose();
        }
        write(image, file);
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available to write " + file);
        }
    }
}
