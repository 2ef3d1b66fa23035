package kadai.tasks.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draw canvases for a reader: each canvas with its boxes, and its label mask in class colours.
 *
 * <p>{@code main} writes the sample sheet shown in the project's docs:
 * {@code java -cp "$(cat tasks/target/classpath.txt):tasks/target/classes" kadai.tasks.data.CanvasPictures
 * docs/images/fashion-mnist-canvases.png}.
 */
public final class CanvasPictures {

    /** One colour per label, background (black) first; the ten garment colours are tab10's. */
    public static final Color[] PALETTE = {
        Color.BLACK,
        new Color(0x1f77b4),
        new Color(0xff7f0e),
        new Color(0x2ca02c),
        new Color(0xd62728),
        new Color(0x9467bd),
        new Color(0x8c564b),
        new Color(0xe377c2),
        new Color(0x7f7f7f),
        new Color(0xbcbd22),
        new Color(0x17becf)
    };

    private static final int SCALE = 4;
    private static final int GAP = 8;

    private CanvasPictures() {}

    /** Write sample canvases of the training split (seed 1) to the file named by {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/images/fashion-mnist-canvases.png");
        CanvasSet canvases = Canvases.training(FashionMnist.locate(), 8, 1);
        write(canvases, canvases.size(), out);
        System.out.println("wrote " + out);
    }

    /**
     * Write the first {@code count} canvases as pairs of panels (image with boxes, label mask),
     * two pairs a row, with a legend of the class colours below.
     */
    public static void write(CanvasSet canvases, int count, Path file) throws IOException {
        int n = Math.min(count, canvases.size());
        int panel = canvases.side() * SCALE;
        int pairsPerRow = 2;
        int rows = (n + pairsPerRow - 1) / pairsPerRow;
        int legend = 40;
        int width = pairsPerRow * (2 * panel + 3 * GAP) + GAP;
        int height = rows * (panel + GAP) + GAP + legend;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int i = 0; i < n; i++) {
                int x0 = GAP + (i % pairsPerRow) * (2 * panel + 3 * GAP);
                int y0 = GAP + (i / pairsPerRow) * (panel + GAP);
                drawImage(image, canvases.image(i), canvases.side(), x0, y0);
                drawMask(image, canvases.labels(i), canvases.side(), x0 + panel + GAP, y0);
                drawBoxes(g, canvases.boxes(i), x0, y0);
            }
            drawLegend(g, GAP, rows * (panel + GAP) + GAP + 14);
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

    /** Return the RGB colour of mask label {@code label} (0 background .. 10). */
    public static int rgb(int label) {
        return PALETTE[Math.floorMod(label, PALETTE.length)].getRGB();
    }

    private static void drawImage(BufferedImage image, float[] pixels, int side, int x0, int y0) {
        for (int y = 0; y < side * SCALE; y++) {
            for (int x = 0; x < side * SCALE; x++) {
                int g = Math.round(Math.max(0, Math.min(1, pixels[(y / SCALE) * side + x / SCALE])) * 255);
                image.setRGB(x0 + x, y0 + y, (g << 16) | (g << 8) | g);
            }
        }
    }

    private static void drawMask(BufferedImage image, int[] labels, int side, int x0, int y0) {
        for (int y = 0; y < side * SCALE; y++) {
            for (int x = 0; x < side * SCALE; x++) {
                image.setRGB(x0 + x, y0 + y, rgb(labels[(y / SCALE) * side + x / SCALE]));
            }
        }
    }

    private static void drawBoxes(Graphics2D g, List<Box> boxes, int x0, int y0) {
        g.setStroke(new BasicStroke(2f));
        for (Box b : boxes) {
            g.setColor(PALETTE[b.label()]);
            g.drawRect(x0 + b.x1() * SCALE, y0 + b.y1() * SCALE, b.width() * SCALE - 1, b.height() * SCALE - 1);
            g.drawString(Canvases.CLASSES.get(b.label()), x0 + b.x1() * SCALE + 3, y0 + b.y1() * SCALE + 12);
        }
    }

    private static void drawLegend(Graphics2D g, int x, int y) {
        int cx = x;
        for (int label = 1; label < Canvases.CLASSES.size(); label++) {
            String name = label + " " + Canvases.CLASSES.get(label);
            g.setColor(PALETTE[label]);
            g.fillRect(cx, y - 9, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(name, cx + 13, y);
            cx += 16 + g.getFontMetrics().stringWidth(name);
            if (label == 5) {
                cx = x;
                y += 16;
            }
        }
    }
}
