package kadai.tasks.detect;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import kadai.tasks.data.Box;
import kadai.tasks.data.CanvasSet;
import kadai.tasks.data.FashionMnist;

/**
 * Draw test canvases with their true boxes (green) and the detections (red, with class and score;
 * predicted masks tinted red), four times enlarged, as one PNG sheet.
 */
final class DetectionPictures {

    /** Detections below this score are left off the sheet (they are scored, but would hide the canvas). */
    static final double MIN_SCORE = 0.3;

    private static final int ZOOM = 4;
    private static final int GAP = 6;
    private static final Color TRUTH = new Color(0x2ca02c);
    private static final Color PREDICTION = new Color(0xd62728);

    private DetectionPictures() {}

    /**
     * Write the first {@code count} canvases of {@code canvases} in rows of {@code columns}.
     *
     * @param detections per canvas, the detections to draw
     * @param masks per canvas and detection, the predicted mask pixels (null entries: none)
     * @param minScore detections below this score are not drawn
     */
    static void write(
            CanvasSet canvases,
            List<List<Predictions.Detection>> detections,
            List<List<boolean[]>> masks,
            int count,
            int columns,
            double minScore,
            Path file)
            throws IOException {
        int side = canvases.side();
        int cell = side * ZOOM;
        int rows = (count + columns - 1) / columns;
        BufferedImage image =
                new BufferedImage(columns * (cell + GAP) + GAP, rows * (cell + GAP) + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int n = 0; n < count; n++) {
                int x0 = GAP + (n % columns) * (cell + GAP);
                int y0 = GAP + (n / columns) * (cell + GAP);
                float[] pixels = canvases.image(n);
                boolean[] tint = new boolean[side * side];
                List<Predictions.Detection> shown = n < detections.size() ? detections.get(n) : List.of();
                if (masks != null && n < masks.size()) {
                    for (int k = 0; k < shown.size(); k++) {
                        boolean[] m = masks.get(n).get(k);
                        for (int i = 0; m != null && shown.get(k).score() >= minScore && i < m.length; i++) {
                            tint[i] |= m[i];
                        }
                    }
                }
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        int v = Math.round(pixels[y * side + x] * 255);
                        int rgb = tint[y * side + x]
                                ? (Math.min(255, v / 2 + 128) << 16) | ((v / 2) << 8) | (v / 2)
                                : (v << 16) | (v << 8) | v;
                        for (int dy = 0; dy < ZOOM; dy++) {
                            for (int dx = 0; dx < ZOOM; dx++) {
                                image.setRGB(x0 + x * ZOOM + dx, y0 + y * ZOOM + dy, rgb);
                            }
                        }
                    }
                }
                g.setStroke(new BasicStroke(1.5f));
                g.setColor(TRUTH);
                for (Box b : canvases.boxes(n)) {
                    g.drawRect(x0 + b.x1() * ZOOM, y0 + b.y1() * ZOOM, b.width() * ZOOM, b.height() * ZOOM);
                }
                g.setColor(PREDICTION);
                for (Predictions.Detection d : shown) {
                    if (d.score() < minScore) {
                        continue;
                    }
                    int px = x0 + (int) Math.round(d.x1() * ZOOM);
                    int py = y0 + (int) Math.round(d.y1() * ZOOM);
                    g.drawRect(px, py, (int) Math.round((d.x2() - d.x1()) * ZOOM), (int)
                            Math.round((d.y2() - d.y1()) * ZOOM));
                    String label =
                            String.format(Locale.ROOT, "%s %.2f", FashionMnist.CLASSES.get(d.label() - 1), d.score());
                    g.drawString(label, px + 2, Math.max(y0 + 11, py - 2));
                }
            }
        } finally {
            g.dispose();
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available to write " + file);
        }
    }
}
